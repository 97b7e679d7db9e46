"""Where the dvsec binary and the working folder are.

DVSEC_BIN        the dvsec binary (default: the repository's debug build, ../../.build/debug/dvsec from here)
DVSEC_FUZZ_WORK  folder for generated snapshots and results (default: a fresh folder under the system temp dir)
"""
import os, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
DV = os.path.abspath(os.environ.get('DVSEC_BIN') or os.path.join(HERE, '..', '..', '.build', 'debug', 'dvsec'))


def require_dvsec():
    if not os.access(DV, os.X_OK):
        sys.exit(f'dvsec binary not found at {DV}: run `swift build` in the repository or set DVSEC_BIN')
    return DV


def data(name):
    return os.path.join(HERE, name)


def work_dir():
    w = os.environ.get('DVSEC_FUZZ_WORK')
    if w:
        w = os.path.abspath(w)
        os.makedirs(w, exist_ok=True)
        return w
    return tempfile.mkdtemp(prefix='dvsec-model-fuzz-')
