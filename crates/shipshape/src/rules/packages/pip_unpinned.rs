//! DL3013: `pip install` of a package without a version.

use crate::rules::prelude::*;

use crate::analysis::command_words as pkg;

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

/// Options whose value is the next word (not a package).
const VALUED: &[&str] = &[
    "abi",
    "b",
    "build",
    "e",
    "editable",
    "extra-index-url",
    "f",
    "find-links",
    "i",
    "index-url",
    "implementation",
    "no-binary",
    "only-binary",
    "platform",
    "prefix",
    "progress-bar",
    "proxy",
    "python-version",
    "root",
    "src",
    "t",
    "target",
    "trusted-host",
    "upgrade-strategy",
];

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
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        let cmds = pkg::commands(cx.script, instr);
        let mut unpinned = Vec::new();
        for cmd in cmds.iter() {
            if pkg::pip_install_word(cmd).is_none() || pkg::name(cmd).is_some_and(|n| n.contains("pipenv")) {
                continue;
            }
            // Constraints or requirements files pin the versions elsewhere.
            if pkg::has_flag(cmd, &["constraint", "c"]) || pkg::has_arg(cmd, &["--requirement", "-r", "."]) {
                continue;
            }
            let packages = pkg::after_subcommand(&pkg::positionals(cmd, VALUED), "install");
            for w in packages {
                for (t, from) in pkg::values(w, cx.analysis.scope(cx.index)) {
                    if !pinned(&t) {
                        unpinned.push((w.span, t.into_owned(), from));
                    }
                }
            }
        }
        for (span, name, from) in unpinned {
            let from = from.map(|r| format!(" ({})", cx.provenance(&r))).unwrap_or_default();
            cx.report(span, format!("Pin the version of `{name}`{from}: `pip install {name}==<version>`"))
                .with_help("Pin each package with `==`, or install from a requirements or constraints file.");
        }
    }
}

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
