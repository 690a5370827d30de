#!/usr/bin/env Rscript
# Redoes a study's model comparisons from the scores its results.json lists, with the R packages the papers use,
# and prints the largest difference to RadFleet's numbers:
#   DeLong: pROC::roc.test(roc(y, a, direction = "<"), roc(y, b, direction = "<"), method = "delong", paired = TRUE)
#   NRI / IDI: Hmisc::improveProb on plogis(score) (continuous), or on risk categories / k (categorical, as
#              PredictABEL::reclassification), with the study's cut-offs
#   Hosmer-Lemeshow: hoslem.test written out (ResourceSelection 0.3-6: quantile breaks, cut, chi-square df = g - 2)
# Usage: Rscript scripts/oracle/clinical_evidence.R <study-dir> [outcome column] [nri cut-offs, e.g. 0.3,0.6] [groups]
suppressMessages({ library(jsonlite); library(pROC); library(Hmisc) })
args <- commandArgs(TRUE)
dir <- args[1]; outcome <- if (length(args) > 1) args[2] else "alnm"
cuts <- if (length(args) > 2 && nchar(args[3])) as.numeric(strsplit(args[3], ",")[[1]]) else NULL
groups <- if (length(args) > 3) as.integer(args[4]) else 10L
res <- fromJSON(file.path(dir, "results", "results.json"), simplifyVector = FALSE)
cohort <- read.csv(file.path(dir, "cohort.csv"), colClasses = "character")
y_of <- setNames(as.numeric(cohort[[outcome]]), cohort$id)
m <- res$model
scores <- list(training = list(`Rad-score` = unlist(m$radScore)))
for (c in m$cohorts) scores[[c$name]][["Rad-score"]] <- unlist(c$radScore)
for (k in c("clinical", "combined")) for (c in m$clinical[[k]]$cohorts)
  scores[[c$name]][[if (k == "clinical") "Clinical" else "Combined"]] <- unlist(c$scores)
paired <- function(cname, a, b) {
  sa <- scores[[cname]][[a]]; sb <- scores[[cname]][[b]]
  ids <- cohort$id[cohort$id %in% names(sa) & cohort$id %in% names(sb)]
  list(y = unname(y_of[ids]), a = unname(sa[ids]), b = unname(sb[ids]))
}
worst <- 0; n <- 0
cmp <- function(ours, theirs) { worst <<- max(worst, abs(ours - theirs)); n <<- n + 1 }
for (c in m$comparisons) {
  for (d in c$delong) {
    if (is.null(scores[[c$cohort]][[d$model1]]) || is.null(scores[[c$cohort]][[d$model2]]) || is.null(d$z)) next
    p <- paired(c$cohort, d$model1, d$model2)
    t <- roc.test(roc(p$y, p$a, direction = "<", quiet = TRUE), roc(p$y, p$b, direction = "<", quiet = TRUE),
                  method = "delong", paired = TRUE)
    cmp(d$z, unname(t$statistic)); cmp(d$pValue, t$p.value); cmp(d$auc1, unname(t$estimate[1])); cmp(d$auc2, unname(t$estimate[2]))
  }
  for (i in c$nriIdi) {
    p <- paired(c$cohort, i$newModel, i$oldModel)
    new <- plogis(p$a); old <- plogis(p$b)
    con <- improveProb(old, new, p$y)
    cmp(i$idi$estimate, con$idi); cmp(i$idi$pValue, 2 * pnorm(-abs(con$z.idi)))
    if (is.null(cuts)) {
      cmp(i$nri$estimate, con$nri); cmp(i$nri$pValue, 2 * pnorm(-abs(con$z.nri)))
    } else {
      k <- c(0, cuts, 1)
      c1 <- as.numeric(cut(old, k, include.lowest = TRUE, right = FALSE)); c2 <- as.numeric(cut(new, k, include.lowest = TRUE, right = FALSE))
      cat_ <- improveProb(c1 / length(k), c2 / length(k), p$y)
      cmp(i$nri$estimate, cat_$nri); cmp(i$nri$pValue, 2 * pnorm(-abs(cat_$z.nri)))
    }
  }
}
hoslem <- function(y, p, g) {
  breaks <- unique(quantile(p, probs = seq(0, 1, 1 / g)))
  cutp <- cut(p, breaks = breaks, include.lowest = TRUE)
  obs <- xtabs(cbind(1 - y, y) ~ cutp); expect <- xtabs(cbind(1 - p, p) ~ cutp)
  chisq <- sum((obs - expect)^2 / expect)
  c(chisq, 1 - pchisq(chisq, nrow(expect) - 2))
}
for (c in m$riskCurves$cohorts) for (mm in c$models) {
  if (is.null(mm$hosmerLemeshow$statistic)) next
  s <- scores[[c$cohort]][[mm$model]]; ids <- cohort$id[cohort$id %in% names(s)]
  h <- hoslem(unname(y_of[ids]), plogis(unname(s[ids])), groups)
  cmp(mm$hosmerLemeshow$statistic, h[1]); cmp(mm$hosmerLemeshow$pValue, h[2])
}
# The nomogram: lrm of the combined model's terms on the training cases it lists, rms::nomogram(fun = plogis).
nom <- m$clinical$nomogram
if (!is.null(nom$axes)) {
  suppressMessages(library(rms))
  ids <- names(nom$casePoints)
  d <- data.frame(y = unname(y_of[ids]))
  for (a in nom$axes) {
    if (a$name == "rad_score") d$rad_score <- unname(unlist(m$radScore)[ids])
    else if (!is.null(a$levels)) d[[a$name]] <- factor(cohort[[a$name]][match(ids, cohort$id)], levels = unlist(a$levels))
    else d[[a$name]] <- as.numeric(cohort[[a$name]][match(ids, cohort$id)])
  }
  terms <- sapply(nom$axes, function(a) a$name)
  dd <- datadist(d[, terms, drop = FALSE]); options(datadist = "dd"); assign("dd", dd, envir = globalenv())
  fit <- lrm(reformulate(terms, "y"), data = d)
  rn <- nomogram(fit, fun = plogis, funlabel = "Risk")
  for (a in nom$axes) for (k in seq_along(a$points)) cmp(a$points[[k]], rn[[a$name]]$points[k])
  cmp(nom$pointsPerUnitLinearPredictor, attr(rn, "info")$sc)
  total <- (fit$linear.predictors - attr(rn, "info")$Intercept) * attr(rn, "info")$sc
  for (k in seq_along(ids)) cmp(nom$casePoints[[k]], unname(total[k]))
}
cat(sprintf("clinical evidence vs R: %d values, max abs difference %.3g\n", n, worst))
