#!/usr/bin/env Rscript
# The R half of the oracle of examples/busi-benign-malignant (run by scripts/oracle/busi_study.py):
#   Rscript scripts/oracle/busi_study.R FEATURES.csv COHORT.csv OUT.json [features-source]
# FEATURES.csv: id + PyRadiomics feature columns (extracted by busi_study.py, or the shared reference table).
# COHORT.csv:   the example's cohort (id, ..., malignant, ..., fold); cases in its order, as the fleet models them.
# What it computes is what `radfleet run` computes for the example's study.yaml:
#   - columns that are not finite in every case, or hold one value only, are dropped (RadFleet's ModelData rule);
#   - cv.glmnet(x, y, family = "binomial", foldid = fold, type.measure = "deviance", alpha = 1), lambda.min;
#   - the rad-score: predict(cv, newx = x, s = "lambda.min", type = "link");
#   - pROC: roc(direction = "<"), AUC, ci.auc(method = "delong"), coords("best", best.method = "youden").
# Needs glmnet (4.1), pROC (1.18) and jsonlite. Doubles are written with 17 significant digits.
suppressMessages({ library(glmnet); library(pROC); library(jsonlite) })

args <- commandArgs(trailingOnly = TRUE)
stopifnot(length(args) >= 3)
features_path <- args[1]; cohort_path <- args[2]; out_path <- args[3]
features_source <- if (length(args) >= 4) args[4] else "extracted"

source(file.path("scripts", "fixtures", "lib", "json17.R"))
json <- make_json(empty = TRUE)

# read.csv's number parser (R_strtod) is not always correctly rounded; jsonlite's is (like Swift's Double(String)
# and Python's float()), so the values are read as text and parsed through jsonlite.
table <- read.csv(features_path, colClasses = "character", check.names = FALSE)
names_all <- setdiff(names(table), "id")
for (col in names_all) table[[col]] <- fromJSON(paste0("[", paste(table[[col]], collapse = ","), "]"))
cohort <- read.csv(cohort_path, colClasses = "character", check.names = FALSE)
rows <- match(cohort$id, table$id)
stopifnot(!anyNA(rows))
x_all <- as.matrix(table[rows, names_all, drop = FALSE])
y <- as.integer(cohort$malignant)
fold <- as.integer(cohort$fold)

usable <- apply(x_all, 2, function(v) all(is.finite(v)) && length(unique(v)) > 1)
x <- x_all[, usable, drop = FALSE]
rownames(x) <- cohort$id

cv <- cv.glmnet(x, y, family = "binomial", foldid = fold, type.measure = "deviance", alpha = 1)
beta <- coef(cv, s = "lambda.min")
coefficients <- setNames(as.vector(beta), rownames(beta))
selected <- coefficients[-1][coefficients[-1] != 0]
score <- as.vector(predict(cv, newx = x, s = "lambda.min", type = "link"))

r <- roc(y, score, levels = c(0, 1), direction = "<", quiet = TRUE)
delong <- as.numeric(ci.auc(r, method = "delong"))
best <- coords(r, "best", best.method = "youden", transpose = FALSE,
               ret = c("threshold", "accuracy", "sensitivity", "specificity", "ppv", "npv", "tp", "fp", "tn", "fn"))
stopifnot(nrow(best) == 1)  # one Youden optimum (pROC returns every tied one)

out <- list(
  generator = "scripts/oracle/busi_study.py + scripts/oracle/busi_study.R",
  features_source = features_source,
  r_version = R.version.string,
  glmnet_version = as.character(packageVersion("glmnet")),
  proc_version = as.character(packageVersion("pROC")),
  cases = length(y), events = sum(y),
  features = sum(usable),
  dropped = as_array(names_all[!usable]),
  lambda = as_array(cv$lambda), cvm = as_array(cv$cvm), cvsd = as_array(cv$cvsd),
  nzero = as_array(unname(cv$nzero)),
  lambda_min = cv$lambda.min, lambda_1se = cv$lambda.1se,
  intercept = coefficients[[1]],
  selected = as_array(names(selected)),
  coefficients = as_array(unname(selected)),
  radscore_ids = as_array(cohort$id), radscore = as_array(score),
  auc = as.numeric(r$auc),
  delong = list(lower = delong[1], upper = delong[3]),
  youden = lapply(as.list(best[1, ]), function(v) unname(v))
)
writeLines(json(out), out_path)
cat(sprintf("%d cases (%d malignant), %d features kept of %d, lambda.min %.6g, %d selected, AUC %.4f (DeLong %.4f-%.4f)\n",
            length(y), sum(y), sum(usable), length(names_all), cv$lambda.min, length(selected), r$auc, delong[1], delong[3]))
