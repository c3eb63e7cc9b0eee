//! What a base image is known to hold, from its name and tag: its operating system (so its
//! package manager and shell), and the users it ships. Only images whose contents are well
//! known answer; anything else is unknown, and nothing is judged on it.

use crate::syntax::image::ImageRef;

/// The operating system family of an image.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Os {
    /// Debian and the official images built on it (python, node, golang …): apt, bash.
    Debian,
    /// Ubuntu: apt, bash.
    Ubuntu,
    /// Alpine and the `-alpine` variants: apk, BusyBox's sh (ash), no bash, no useradd.
    Alpine,
    /// BusyBox: no package manager, no bash.
    Busybox,
    /// Fedora, CentOS, Rocky, Alma, Amazon Linux, UBI: dnf/yum/microdnf, bash.
    Rhel,
    /// openSUSE and SLE: zypper, bash.
    Suse,
    /// Distroless: no shell, no package manager.
    Distroless,
    /// Nothing at all.
    Scratch,
    /// Windows Server Core, Nano Server.
    Windows,
    Unknown,
}

impl Os {
    pub fn as_str(self) -> &'static str {
        match self {
            Os::Debian => "Debian",
            Os::Ubuntu => "Ubuntu",
            Os::Alpine => "Alpine",
            Os::Busybox => "BusyBox",
            Os::Rhel => "a Red Hat family image",
            Os::Suse => "openSUSE",
            Os::Distroless => "a distroless image",
            Os::Scratch => "scratch",
            Os::Windows => "Windows",
            Os::Unknown => "an unknown image",
        }
    }

    /// Whether apt's package lists are empty in the image as published (the official
    /// Debian and Ubuntu images, and those built on them, remove them).
    pub fn ships_without_apt_lists(self) -> bool {
        matches!(self, Os::Debian | Os::Ubuntu)
    }
}

/// Official images built on Debian unless their tag names another base.
const DEBIAN_BASED: &[&str] = &[
    "python",
    "node",
    "golang",
    "ruby",
    "perl",
    "rust",
    "php",
    "openjdk",
    "buildpack-deps",
    "pypy",
    "julia",
    "nginx",
    "httpd",
    "postgres",
    "redis",
    "mysql",
    "mariadb",
    "mongo",
    "rabbitmq",
    "memcached",
    "haproxy",
    "wordpress",
    "drupal",
    "ghost",
    "gradle",
    "maven",
    "elixir",
    "erlang",
    "haskell",
    "swift",
    "r-base",
    "clojure",
    "groovy",
    "tomcat",
    "jetty",
    "traefik",
    "influxdb",
    "telegraf",
    "cassandra",
    "solr",
    "nextcloud",
];
const UBUNTU_BASED: &[&str] = &["eclipse-temurin", "ibm-semeru-runtimes", "sapmachine", "neo4j"];
const RHEL_NAMES: &[&str] = &[
    "fedora",
    "centos",
    "rockylinux",
    "almalinux",
    "oraclelinux",
    "amazonlinux",
    "amazoncorretto",
    "ubi",
    "ubi8",
    "ubi9",
    "ubi8-minimal",
    "ubi9-minimal",
    "ubi-minimal",
];

/// The operating system of an image reference (variables expanded), when it is known.
pub fn os_of(reference: &str) -> Os {
    let lower = reference.to_ascii_lowercase();
    if lower == "scratch" {
        return Os::Scratch;
    }
    let r = ImageRef::parse(&lower);
    let full = r.name();
    let name = full.rsplit('/').next().unwrap_or(full);
    let tag = r.tag().unwrap_or("");
    let parts: Vec<&str> = tag.split(['-', '.', '_']).collect();
    if super::shells::windows_image(&lower) {
        return Os::Windows;
    }
    if full.contains("distroless") {
        return Os::Distroless;
    }
    // Only Docker Hub's official images (and a few well-known registries' base images).
    let official = matches!(r.registry(), None | Some("docker.io" | "index.docker.io"))
        && (!full.contains('/') || full.starts_with("library/"));
    let redhat = r.registry().is_some_and(|g| g.ends_with("redhat.io") || g.ends_with("redhat.com"));
    if !official && !redhat {
        return Os::Unknown;
    }
    if name == "alpine" || tag.contains("alpine") {
        return Os::Alpine;
    }
    if name == "busybox" {
        return Os::Busybox;
    }
    if RHEL_NAMES.contains(&name) || redhat {
        return Os::Rhel;
    }
    if name.starts_with("opensuse") {
        return Os::Suse;
    }
    if name == "ubuntu" || UBUNTU_BASED.contains(&name) {
        return Os::Ubuntu;
    }
    if ["jammy", "focal", "noble", "bionic"].iter().any(|u| parts.contains(u)) {
        return Os::Ubuntu;
    }
    if name == "debian" || DEBIAN_BASED.contains(&name) {
        // Tags that name another base (`python:3.12-windowsservercore` was handled above).
        return Os::Debian;
    }
    Os::Unknown
}

/// The users an image ships with, when the image is well known.
pub fn users_of(reference: &str, os: Os) -> Option<Vec<&'static str>> {
    let debian: &[&str] = &[
        "root", "daemon", "bin", "sys", "sync", "games", "man", "lp", "mail", "news", "uucp", "proxy",
        "www-data", "backup", "list", "irc", "gnats", "nobody", "_apt",
    ];
    let alpine: &[&str] = &[
        "root",
        "bin",
        "daemon",
        "adm",
        "lp",
        "sync",
        "shutdown",
        "halt",
        "mail",
        "news",
        "uucp",
        "operator",
        "man",
        "postmaster",
        "cron",
        "ftp",
        "sshd",
        "at",
        "squid",
        "xfs",
        "games",
        "cyrus",
        "vpopmail",
        "ntp",
        "smmsp",
        "guest",
        "nobody",
    ];
    let busybox: &[&str] =
        &["root", "daemon", "bin", "sys", "sync", "mail", "www-data", "operator", "nobody"];
    let rhel: &[&str] = &[
        "root",
        "bin",
        "daemon",
        "adm",
        "lp",
        "sync",
        "shutdown",
        "halt",
        "mail",
        "operator",
        "games",
        "ftp",
        "nobody",
        "systemd-network",
        "dbus",
        "tss",
    ];
    let mut users: Vec<&'static str> = match os {
        Os::Debian => debian.to_vec(),
        Os::Ubuntu => [debian, &["ubuntu"]].concat(),
        Os::Alpine => alpine.to_vec(),
        Os::Busybox => busybox.to_vec(),
        Os::Rhel => rhel.to_vec(),
        Os::Scratch => Vec::new(),
        _ => return None,
    };
    let lower = reference.to_ascii_lowercase();
    let name = ImageRef::parse(&lower).name().rsplit('/').next().unwrap_or("").to_string();
    let extra: &[&str] = match name.as_str() {
        "node" => &["node"],
        "nginx" => &["nginx"],
        "postgres" => &["postgres"],
        "redis" => &["redis"],
        "mysql" | "mariadb" => &["mysql"],
        "mongo" => &["mongodb"],
        "rabbitmq" => &["rabbitmq"],
        "memcached" => &["memcache"],
        "haproxy" => &["haproxy"],
        "cassandra" => &["cassandra"],
        "solr" => &["solr"],
        "influxdb" => &["influxdb"],
        "telegraf" => &["telegraf"],
        "traefik" | "ghost" | "elixir" | "erlang" | "swift" | "haskell" | "r-base" | "clojure" | "groovy"
        | "jetty" | "tomcat" | "gradle" | "neo4j" | "nextcloud" => return None,
        _ => &[],
    };
    users.extend_from_slice(extra);
    Some(users)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operating_systems() {
        assert_eq!(os_of("debian:12"), Os::Debian);
        assert_eq!(os_of("python:3.12-slim"), Os::Debian);
        assert_eq!(os_of("docker.io/library/node:20-alpine"), Os::Alpine);
        assert_eq!(os_of("alpine"), Os::Alpine);
        assert_eq!(os_of("ubuntu:24.04"), Os::Ubuntu);
        assert_eq!(os_of("eclipse-temurin:21-jre"), Os::Ubuntu);
        assert_eq!(os_of("golang:1.22-alpine3.20"), Os::Alpine);
        assert_eq!(os_of("busybox:1.36"), Os::Busybox);
        assert_eq!(os_of("fedora:40"), Os::Rhel);
        assert_eq!(os_of("registry.access.redhat.com/ubi9/ubi-minimal"), Os::Rhel);
        assert_eq!(os_of("gcr.io/distroless/static-debian12"), Os::Distroless);
        assert_eq!(os_of("scratch"), Os::Scratch);
        assert_eq!(os_of("mcr.microsoft.com/windows/servercore:ltsc2022"), Os::Windows);
        // Not an official image: anything may be inside.
        assert_eq!(os_of("acme/debian:12"), Os::Unknown);
        assert_eq!(os_of("ghcr.io/org/app:1"), Os::Unknown);
        assert_eq!(os_of("myimage"), Os::Unknown);
    }

    #[test]
    fn users() {
        assert!(users_of("node:20", Os::Debian).unwrap().contains(&"node"));
        assert!(!users_of("debian:12", Os::Debian).unwrap().contains(&"node"));
        assert!(users_of("ubuntu:24.04", Os::Ubuntu).unwrap().contains(&"ubuntu"));
        assert_eq!(users_of("scratch", Os::Scratch), Some(Vec::new()));
        assert_eq!(users_of("acme/app", Os::Unknown), None);
    }
}
