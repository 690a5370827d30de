#!/usr/bin/env python3
"""The oracle of examples/busi-benign-malignant: the same study as `radfleet run` with PyRadiomics + R.

What the oracle computes (the fixture Tests/FleetProcessTests/Fixtures/busi_study_oracle.json):
  (A) `pyradiomics`: scripts/oracle/busi_study.R (cv.glmnet with the cohort's `fold` column, lambda.min, the
      rad-score, pROC: AUC, DeLong CI, Youden cut-off) on PyRadiomics 3.1.4's features of the 206 cases, the shared
      reference table reference/pyradiomics_default.csv (made with the same default.yaml; image reading in
      ../shared/data/README.md);
  (B) `radfleetFeatures`: the same R script on the features.csv of a `radfleet run` of the example, with a
      fingerprint (FNV-1a 64 of the file) so the test knows it models the same doubles;
  `featureParity`: RadFleet's features against the reference (count, not bit-identical, max relative error).
Why (B): the cross-validated LASSO on 206 cases x 474 features (collinear pairs such as Energy and
TotalEnergy) turns differences of 1e-14 in the inputs into differences of up to 1e-4 in glmnet's cvm curve, so
the whole of cv.glmnet's output can be compared at 1e-6 only on the same doubles (see the example's README).

With --extract, PyRadiomics also extracts every case here (read as the reference was made: Pillow; RGB -> luma
`rgb @ [0.299, 0.587, 0.114]` as float64; mask > 0 -> 1; true 2D SimpleITK images with the cohort's spacing;
`diagnostics_*` dropped; values written with repr()), compares the table with the reference, runs R on it and
prints the process CPU time of both (the oracle side of the README's timing); that run is not in the fixture.

usage (from the repository root):
  scripts/busi_study.sh /tmp/busi-run -- --workers 2 --quiet
  nice -n 10 python3 scripts/oracle/busi_study.py --radfleet-features /tmp/busi-run/results/features.csv
      [--busi ../shared/data/busi] [--extract [--features /tmp/busi_study_features.csv]]
      [--out Tests/FleetProcessTests/Fixtures/busi_study_oracle.json]
"""
import argparse, csv, json, logging, math, os, resource, subprocess, sys, time

os.environ.setdefault("OMP_NUM_THREADS", "1")

EXAMPLE = os.path.join("examples", "busi-benign-malignant")


def read_cohort(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def load_case(busi, row):
    import numpy as np
    import SimpleITK as sitk
    from PIL import Image
    # The example's cohort names files through the study folder's `busi` link; the oracle reads the same files.
    image_path = os.path.join(busi, os.path.basename(row["image"]))
    mask_path = os.path.join(busi, os.path.basename(row["mask"]))
    im = np.asarray(Image.open(image_path))
    if im.ndim == 3:
        im = im[..., :3].astype(np.float64) @ np.array([0.299, 0.587, 0.114])
    m = np.asarray(Image.open(mask_path))
    if m.ndim == 3:
        m = m[..., 0]
    sp = float(row["spacing"])
    image = sitk.GetImageFromArray(im.astype(np.float64))
    image.SetSpacing((sp, sp))
    mask = sitk.GetImageFromArray((m > 0).astype(np.uint8))
    mask.SetSpacing((sp, sp))
    return image, mask


def extract(busi, rows, params):
    import SimpleITK as sitk
    from radiomics import featureextractor
    logging.getLogger("radiomics").setLevel(logging.ERROR)
    sitk.ProcessObject.SetGlobalDefaultNumberOfThreads(1)
    extractor = featureextractor.RadiomicsFeatureExtractor(params)
    names, table = None, []
    for row in rows:
        result = extractor.execute(*load_case(busi, row))
        keys = [k for k in result if not k.startswith("diagnostics_")]
        if names is None:
            names = keys
        assert keys == names, f"case {row['id']}: feature names differ from the first case's"
        table.append([float(result[k]) for k in keys])
    return names, table


def write_table(path, ids, names, table):
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id"] + names)
        for i, values in zip(ids, table):
            w.writerow([i] + [repr(v) for v in values])


def read_table(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    return rows[0][1:], {r[0]: [float(v) for v in r[1:]] for r in rows[1:]}


def compare_with_reference(names, ids, table, reference):
    ref_names, ref = read_table(reference)
    assert ref_names == names, "feature names or order differ from the reference"
    worst, values = 0.0, 0
    for i, row in zip(ids, table):
        for a, b in zip(row, ref[i]):
            values += 1
            if math.isnan(a) and math.isnan(b):
                continue
            worst = max(worst, abs(a - b) / max(1.0, abs(b)))
    return values, worst


def fnv1a64(path):
    """FNV-1a (64-bit) of a file's bytes: the fingerprint of the exact feature table an oracle run modelled."""
    h = 0xcbf29ce484222325
    with open(path, "rb") as f:
        for byte in f.read():
            h = ((h ^ byte) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return f"{h:016x}"


def run_r(features, cohort, out, label):
    """busi_study.R on one feature table; returns its JSON (doubles read back exactly) and its CPU seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(["Rscript", os.path.join("scripts", "oracle", "busi_study.R"), features, cohort, out, label], check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(out) as f:
        result = json.load(f)
    return result, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--busi", default=os.path.join("..", "shared", "data", "busi"))
    p.add_argument("--cohort", default=os.path.join(EXAMPLE, "cohort.csv"))
    p.add_argument("--params", default=os.path.join(EXAMPLE, "params.yaml"))
    p.add_argument("--radfleet-features", required=True,
                   help="features.csv of a `radfleet run` of the example (scripts/busi_study.sh DIR: DIR/results/features.csv)")
    p.add_argument("--extract", action="store_true",
                   help="also extract every case with PyRadiomics here (timed; compared with the shared reference)")
    p.add_argument("--features", default=os.path.join("/tmp", "busi_study_features.csv"),
                   help="where --extract writes its table")
    p.add_argument("--out", default=os.path.join("Tests", "FleetProcessTests", "Fixtures", "busi_study_oracle.json"))
    a = p.parse_args()

    rows = read_cohort(a.cohort)
    ids = [r["id"] for r in rows]
    reference = os.path.join(a.busi, "reference", "pyradiomics_default.csv")
    scratch = a.out + ".tmp"
    timing = {}
    if a.extract:
        start = time.process_time()
        names, table = extract(a.busi, rows, a.params)
        seconds = time.process_time() - start
        write_table(a.features, ids, names, table)
        values, worst = compare_with_reference(names, ids, table, reference)
        print(f"PyRadiomics here: {len(ids)} cases x {len(names)} features, {seconds:.2f} s CPU "
              f"({1000 * seconds / len(ids):.0f} ms per case); vs the shared reference: {values} values, "
              f"max relative difference {worst:.3g}")
        extracted, r_seconds = run_r(a.features, a.cohort, scratch, "pyradiomics-extracted-here")
        print(f"R on it: {r_seconds:.2f} s CPU")
        timing = {"extractionCPUSeconds": seconds, "rCPUSeconds": r_seconds, "totalCPUSeconds": seconds + r_seconds}

    # (A) the oracle proper: PyRadiomics' reference table (the one every feature parity test of the project uses).
    pyradiomics, _ = run_r(reference, a.cohort, scratch, "pyradiomics-reference")
    # (B) the same R pipeline on the exact doubles the RadFleet run modelled: isolates the modelling stages.
    radfleet, _ = run_r(a.radfleet_features, a.cohort, scratch, "radfleet-features")
    os.remove(scratch)
    names, table = read_table(a.radfleet_features)
    values, worst = compare_with_reference(names, ids, [table[i] for i in ids], reference)
    ref = read_table(reference)[1]
    differing = sum(x != y for i in ids for x, y in zip(table[i], ref[i]))
    fixture = {
        "generator": "scripts/oracle/busi_study.py --radfleet-features ... (+ scripts/oracle/busi_study.R)",
        "pyradiomics": pyradiomics,
        "radfleetFeatures": dict(radfleet, digest=fnv1a64(a.radfleet_features)),
        "featureParity": {"values": values, "differing": differing, "maxRelativeError": worst},
    }
    with open(a.out, "w") as f:
        json.dump(fixture, f, indent=1)
        f.write("\n")
    print(f"RadFleet's features vs the reference: {values} values, {differing} not bit-identical, "
          f"max relative difference {worst:.3g}; fixture written to {a.out}")
    if timing:
        print(json.dumps(timing))


if __name__ == "__main__":
    sys.exit(main())
