#!/usr/bin/env python3
"""Times PyRadiomics on the same cases and parameter file as `radfleet-bench extract` (the oracle side of the
benchmark). Images are read once, as the reference outputs were made (Pillow; RGB -> 0.299R + 0.587G + 0.114B as
float64; mask > 0 -> 1; true 2D SimpleITK images with the manifest spacing), then only `extractor.execute` is timed
(process CPU time), on one core. Prints one JSON object: {"cases": n, "seconds": total, "secondsPerCase": total / n}.

usage: pyradiomics_time.py MANIFEST PARAMS N_CASES
"""
import csv, json, logging, os, sys, time
os.environ.setdefault("OMP_NUM_THREADS", "1")
import numpy as np
import SimpleITK as sitk
from PIL import Image
from radiomics import featureextractor

logging.getLogger("radiomics").setLevel(logging.ERROR)
manifest, params, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
root = os.path.dirname(os.path.abspath(manifest))
sitk.ProcessObject.SetGlobalDefaultNumberOfThreads(1)

def load(row):
    im = np.asarray(Image.open(os.path.join(root, row["image"])))
    if im.ndim == 3:
        im = im[..., :3].astype(np.float64)
        im = 0.299 * im[..., 0] + 0.587 * im[..., 1] + 0.114 * im[..., 2]
    m = np.asarray(Image.open(os.path.join(root, row["mask"])))
    if m.ndim == 3:
        m = m[..., 0]
    sp = float(row.get("spacing") or 1.0)
    image = sitk.GetImageFromArray(im.astype(np.float64)); image.SetSpacing((sp, sp))
    mask = sitk.GetImageFromArray((m > 0).astype(np.uint8)); mask.SetSpacing((sp, sp))
    return image, mask

rows = list(csv.DictReader(open(manifest)))[:n]
cases = [load(r) for r in rows]
extractor = featureextractor.RadiomicsFeatureExtractor(params)
extractor.execute(*cases[0])  # warm-up (imports, C extensions)
# CPU time of this process, as the RadFleet side measures it (the machine may be shared).
start = time.process_time()
for image, mask in cases:
    extractor.execute(image, mask)
total = time.process_time() - start
print(json.dumps({"cases": len(cases), "seconds": total, "secondsPerCase": total / len(cases)}))
