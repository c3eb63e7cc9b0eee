//! The shell a stage runs its shell-form commands in: `/bin/sh -c` on Linux, `cmd /S /C`
//! on Windows images, or what SHELL (or a `# hadolint shell=` pragma) says.

/// The kind of shell.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ShellKind {
    /// `/bin/sh`: POSIX sh (dash on Debian, ash on Alpine and busybox).
    Sh,
    Bash,
    /// ash, dash, ksh, mksh, zsh, busybox: POSIX shells with their own extensions.
    OtherPosix,
    PowerShell,
    Cmd,
    /// Anything else (`python -c`, a custom interpreter): not read as shell.
    Other,
}

/// A shell: its command line (as SHELL writes it) and its kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shell {
    pub argv: Vec<String>,
    pub kind: ShellKind,
}

impl Shell {
    /// `["/bin/sh", "-c"]`, the default of Linux images.
    pub fn default_linux() -> Shell {
        Shell::from_argv(vec!["/bin/sh".into(), "-c".into()])
    }

    /// `["cmd", "/S", "/C"]`, the default of Windows images.
    pub fn default_windows() -> Shell {
        Shell::from_argv(vec!["cmd".into(), "/S".into(), "/C".into()])
    }

    pub fn from_argv(argv: Vec<String>) -> Shell {
        let kind = argv.first().map_or(ShellKind::Sh, |exe| kind_of(exe));
        Shell { argv, kind }
    }

    /// Whether shell-form commands are POSIX shell (so the shell rules apply).
    pub fn is_posix(&self) -> bool {
        matches!(self.kind, ShellKind::Sh | ShellKind::Bash | ShellKind::OtherPosix)
    }

    /// Whether it is a Windows shell (cmd or PowerShell).
    pub fn is_windows(&self) -> bool {
        matches!(self.kind, ShellKind::Cmd | ShellKind::PowerShell)
    }

    /// The program's base name in lower case, without `.exe` (`/bin/bash` → `bash`).
    pub fn program(&self) -> String {
        let exe = self.argv.first().map_or("sh", String::as_str);
        let base = exe.rsplit(['/', '\\']).next().unwrap_or(exe).to_ascii_lowercase();
        base.trim_end_matches(".exe").to_string()
    }
}

fn kind_of(exe: &str) -> ShellKind {
    let base = exe.rsplit(['/', '\\']).next().unwrap_or(exe).to_ascii_lowercase();
    match base.trim_end_matches(".exe") {
        "sh" => ShellKind::Sh,
        "bash" => ShellKind::Bash,
        "ash" | "dash" | "ksh" | "mksh" | "zsh" | "busybox" => ShellKind::OtherPosix,
        "pwsh" | "powershell" => ShellKind::PowerShell,
        "cmd" => ShellKind::Cmd,
        _ => ShellKind::Other,
    }
}

/// Whether an image reference (lower case, variables expanded) names a Windows image:
/// Windows Server Core, Nano Server, the Windows base images and .NET Framework images.
pub fn windows_image(reference: &str) -> bool {
    let r = reference.to_ascii_lowercase();
    ["windows", "servercore", "nanoserver", "dotnet/framework", "ltsc20"].iter().any(|w| r.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds() {
        assert_eq!(Shell::default_linux().kind, ShellKind::Sh);
        assert!(Shell::default_linux().is_posix());
        assert_eq!(Shell::default_windows().kind, ShellKind::Cmd);
        assert!(!Shell::default_windows().is_posix());
        let pwsh = Shell::from_argv(vec!["powershell".into(), "-Command".into()]);
        assert_eq!((pwsh.kind, pwsh.is_windows()), (ShellKind::PowerShell, true));
        assert_eq!(
            Shell::from_argv(vec!["C:\\Program Files\\PowerShell\\pwsh.exe".into()]).kind,
            ShellKind::PowerShell
        );
        assert_eq!(
            Shell::from_argv(vec!["/bin/bash".into(), "-o".into(), "pipefail".into()]).kind,
            ShellKind::Bash
        );
        assert_eq!(Shell::from_argv(vec!["/usr/bin/python3".into(), "-c".into()]).kind, ShellKind::Other);
        assert!(windows_image("mcr.microsoft.com/windows/servercore:ltsc2022"));
        assert!(windows_image("mcr.microsoft.com/dotnet/framework/sdk:4.8"));
        assert!(!windows_image("debian:12"));
    }
}
