//! DL3013: `pip install` of a package without a version.

use super::unpinned::{self, Unpinned};
use crate::analysis::commands::Manager;
use crate::rules::prelude::*;


declare_rule! {
    PipUnpinned {
        code: "DL3013",
        name: "pip-unpinned",
        severity: Warning,
        category: Reproducibility,
        fix: None,
        origin: Hadolint,
        onbuild: true,
        summary: "Pin versions in pip install",
        why: "`pip install flask` takes the newest release on PyPI at build time, so the same \
              Dockerfile can produce images with different libraries, and a release with a \
              breaking change fails builds that nobody touched. `package==version`, a \
              requirements file or a constraints file keeps the build repeatable.",
        bad: "FROM python:3.12-slim\nRUN pip install --no-cache-dir flask\n",
        good: "FROM python:3.12-slim\nRUN pip install --no-cache-dir flask==3.0.3\n",
    }
}

#[derive(Default)]
pub struct PipUnpinned;


/// Version control URL schemes pip understands (`git+https://…@tag`).
const VCS: &[&str] = &[
    "git+file",
    "git+https",
    "git+ssh",
    "git+http",
    "git+git",
    "git",
    "hg+file",
    "hg+http",
    "hg+https",
    "hg+ssh",
    "hg+static-http",
    "svn",
    "svn+svn",
    "svn+http",
    "svn+https",
    "svn+ssh",
    "bzr+http",
    "bzr+https",
    "bzr+ssh",
    "bzr+sftp",
    "bzr+ftp",
    "bzr+lp",
];

fn pinned(package: &str) -> bool {
    let vcs = VCS.iter().any(|s| package.starts_with(s));
    ["==", ">=", "<=", ">", "<", "!=", "~=", "==="].iter().any(|s| package.contains(s))
        || (vcs && package.contains('@'))
        || package.ends_with(".whl")
        || package.ends_with(".tar.gz")
        || (!vcs && package.contains('/'))
}

impl Rule for PipUnpinned {
    fn check(&mut self, cx: &mut Cx, _instr: &Instruction) {
        unpinned::check(cx, &SPEC, None);
    }
}

/// pip, pip3, pip3.12 and `python -m pip` (uv, pipx and pipenv are other tools). Constraints
/// or requirements files pin the versions elsewhere.
static SPEC: Unpinned = Unpinned {
    manager: Manager::Pip,
    program: |p| p.starts_with("pip") || p.starts_with("python"),
    verbs: &["install"],
    pinned,
    skip: |c| c.has_flag(&["c", "constraint", "r", "requirement"]) || c.names().any(|n| n.text == "."),
    modules: false,
    example: "pip install {}==<version>",
    help: "Pin each package with `==`, or install from a requirements or constraints file.",
};

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM python\nRUN pip install flask", &["flask"]),
    Case::fires(
        "FROM python\nRUN pip3 install flask==3.0.3 requests \"gunicorn\"",
        &["requests", "\"gunicorn\""],
    ),
    Case::fires(
        "FROM python\nRUN python3 -m pip install --index-url https://pypi.example/simple example",
        &["example"],
    ),
    Case::fires(
        "FROM python\nRUN pip install git+https://github.com/org/repo.git#egg=repo",
        &["git+https://github.com/org/repo.git#egg=repo"],
    ),
    Case::fires("FROM python\nRUN pip install -U pip setuptools==69.0.0", &["pip"]),
    Case::quiet("FROM python\nRUN pip install flask==3.0.3 'alabaster>=0.7' 'six!=1.0' 'attrs~=23.1'"),
    Case::quiet("FROM python\nRUN pip install -r requirements.txt"),
    Case::quiet("FROM python\nRUN pip install --requirement requirements.txt && pip install ."),
    Case::quiet("FROM python\nRUN pip install pykafka --constraint constraints.txt"),
    Case::quiet("FROM python\nRUN pip3 install --target /opt/lint yamllint==1.35.1"),
    Case::quiet("FROM python\nRUN pip install ./dist/app.whl app.tar.gz ./src/pkg"),
    Case::quiet("FROM python\nRUN pip install git+https://github.com/org/repo.git@v0.6#egg=repo"),
    Case::quiet("FROM python\nRUN pipenv install flask && pip download requests"),
    // Pinned with extras, or after an option that takes a value.
    Case::quiet("FROM python\nRUN pip install --no-cache-dir \"flask[async]==3.0.3\" \"attrs>=23,<24\""),
    Case::quiet(
        "FROM python\nRUN pip install -i https://pypi.example/simple --upgrade-strategy eager flask==3.0.3",
    ),
    // Other pip commands name packages too.
    Case::quiet("FROM python\nRUN pip uninstall -y flask && pip freeze > requirements.txt"),
    // Variables are judged by the value they hold here.
    Case::fires("FROM python:3.12\nARG PKGS=\"flask requests==2.32.3\"\nRUN pip install $PKGS", &["$PKGS"]),
    Case::quiet("FROM python:3.12\nARG PKGS=\"flask==3.0.3 requests==2.32.3\"\nRUN pip install $PKGS"),
];
