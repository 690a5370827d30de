/// Statistics core: pure functions matching R (glmnet, glm, pROC, rms, rmda). No I/O.
