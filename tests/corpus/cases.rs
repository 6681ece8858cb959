//! The corpus: unit files with their drop-in directories and the source package they come from.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use unit_core::UnitKind;

/// One unit file to import, with its drop-in directories.
#[derive(Clone, Debug)]
pub struct Case {
    /// The unit's name.
    pub name: String,
    /// The source package (or `local` for files no package owns).
    pub source: String,
    /// The unit file, or for a unit known only by its drop-ins (a device's, written by a
    /// generator) its `NAME.d/` directory.
    pub path: PathBuf,
    /// Its `NAME.d/` directories.
    pub dropins: Vec<PathBuf>,
}

impl Case {
    /// Whether the case is a unit file (not drop-ins alone).
    pub fn has_file(&self) -> bool {
        !self.path.is_dir()
    }

    /// The files and directories to import.
    pub fn paths(&self) -> Vec<PathBuf> {
        let mut paths = Vec::new();
        if self.has_file() {
            paths.push(self.path.clone());
        }
        paths.extend(self.dropins.iter().cloned());
        paths
    }
}

/// Every file found, and what was not a unit of its own.
#[derive(Default, Debug)]
pub struct Corpus {
    /// Units to import.
    pub cases: Vec<Case>,
    /// Unit files and drop-in files found, in all.
    pub files: usize,
    /// Files that are not definitions: `(category, path)` (aliases, masks, drop-ins for a unit
    /// of another package).
    pub skipped: Vec<(&'static str, PathBuf)>,
}

impl Corpus {
    /// The distinct sources.
    pub fn sources(&self) -> usize {
        let mut s: Vec<&str> = self.cases.iter().map(|c| c.source.as_str()).collect();
        s.sort_unstable();
        s.dedup();
        s.len()
    }
}

/// Adds the units of `dirs` (one search path, earlier first), each file's source given by
/// `source_of`. With `orphans`, a drop-in directory of a unit no file defines is a case of its
/// own (a generator's drop-ins for a device), unless it is for a type or a name prefix.
pub fn collect(
    corpus: &mut Corpus,
    dirs: &[PathBuf],
    source_of: &dyn Fn(&Path) -> String,
    orphans: bool,
) {
    let mut units: BTreeMap<String, PathBuf> = BTreeMap::new();
    let mut dropins: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(dir) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for path in paths {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if path.is_dir() {
                if let Some(unit) = name.strip_suffix(".d") {
                    let confs = std::fs::read_dir(&path)
                        .map(|d| {
                            d.filter_map(|e| e.ok())
                                .filter(|e| e.file_name().to_string_lossy().ends_with(".conf"))
                                .count()
                        })
                        .unwrap_or(0);
                    corpus.files += confs;
                    dropins.entry(unit.to_owned()).or_default().push(path);
                }
                continue;
            }
            if UnitKind::of_name(&name).is_none() {
                continue;
            }
            corpus.files += 1;
            if let Ok(target) = std::fs::read_link(&path) {
                let resolved = std::fs::canonicalize(&path).unwrap_or(target.clone());
                if resolved == Path::new("/dev/null") {
                    corpus.skipped.push(("masked (symlink to /dev/null)", path));
                    continue;
                }
                if target
                    .file_name()
                    .is_some_and(|t| t.to_string_lossy() != name)
                {
                    corpus
                        .skipped
                        .push(("alias (symlink to another unit)", path));
                    continue;
                }
            }
            units.entry(name).or_insert(path);
        }
    }
    for (name, path) in units {
        let source = source_of(&path);
        let dropins = dropins.remove(&name).unwrap_or_default();
        corpus.cases.push(Case {
            name,
            source,
            path,
            dropins,
        });
    }
    for (name, dirs) in dropins {
        let whole_name = unit_core::value::unit_name(&name).is_ok()
            && !name
                .rsplit_once('.')
                .is_some_and(|(stem, _)| stem.ends_with('-'));
        if orphans && whole_name {
            corpus.cases.push(Case {
                source: source_of(&dirs[0]),
                path: dirs[0].clone(),
                name,
                dropins: dirs,
            });
            continue;
        }
        for dir in dirs {
            corpus.skipped.push((
                "drop-in for a unit of another package, or for a type or prefix",
                dir,
            ));
        }
    }
}

/// The machine's own units: the system and user search paths, sources from dpkg's file lists.
pub fn machine() -> Corpus {
    let mut owners: HashMap<PathBuf, String> = HashMap::new();
    if let Ok(entries) = std::fs::read_dir("/var/lib/dpkg/info") {
        for e in entries.filter_map(Result::ok) {
            let file = e.file_name().to_string_lossy().into_owned();
            let Some(pkg) = file.strip_suffix(".list") else {
                continue;
            };
            let pkg = pkg.split(':').next().unwrap_or(pkg).to_owned();
            for line in std::fs::read_to_string(e.path())
                .unwrap_or_default()
                .lines()
            {
                if line.contains("/systemd/") {
                    owners.insert(PathBuf::from(line), pkg.clone());
                }
            }
        }
    }
    let source_of = |p: &Path| -> String {
        let usr = Path::new("/usr").join(p.strip_prefix("/").unwrap_or(p));
        owners
            .get(p)
            .or_else(|| owners.get(&usr))
            .or_else(|| {
                p.strip_prefix("/usr")
                    .ok()
                    .and_then(|q| owners.get(&Path::new("/").join(q)))
            })
            .cloned()
            .unwrap_or_else(|| "local".into())
    };
    let mut corpus = Corpus::default();
    let system: Vec<PathBuf> = ["/etc/systemd/system", "/lib/systemd/system"]
        .iter()
        .map(PathBuf::from)
        .collect();
    collect(&mut corpus, &system, &source_of, false);
    let user: Vec<PathBuf> = ["/etc/systemd/user", "/usr/lib/systemd/user"]
        .iter()
        .map(PathBuf::from)
        .collect();
    collect(&mut corpus, &user, &source_of, false);
    corpus
}

/// The downloaded packages listed in `cache/units.tsv` by `tests/corpus/fetch.sh`.
pub fn packages(cache: &Path) -> Corpus {
    let list = std::fs::read_to_string(cache.join("units.tsv")).unwrap_or_default();
    let mut roots: BTreeMap<String, String> = BTreeMap::new();
    for line in list.lines() {
        let mut cols = line.split('\t');
        let (Some(src), Some(pkg)) = (cols.next(), cols.next()) else {
            continue;
        };
        roots.insert(pkg.to_owned(), src.to_owned());
    }
    let mut corpus = Corpus::default();
    for (pkg, src) in roots {
        let root = cache.join("root").join(&pkg);
        for base in [
            [
                "etc/systemd/system",
                "lib/systemd/system",
                "usr/lib/systemd/system",
            ]
            .as_slice(),
            ["etc/systemd/user", "usr/lib/systemd/user"].as_slice(),
        ] {
            let dirs: Vec<PathBuf> = base.iter().map(|b| root.join(b)).collect();
            collect(&mut corpus, &dirs, &|_| src.clone(), false);
        }
    }
    corpus
}

/// The output of `tests/corpus/generate.sh` in `out`: each generator's `normal`, `early` and
/// `late` directories (a search path, as systemd reads them), source `<label>:<generator>`.
/// Links into the generator's own directories are its units again; links elsewhere name units
/// that packages ship (in the machine's corpus), so neither is a case of its own.
pub fn generated(out: &Path, label: &str) -> Corpus {
    let mut corpus = Corpus::default();
    let Ok(entries) = std::fs::read_dir(out) else {
        return corpus;
    };
    let mut generators: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    generators.sort();
    for dir in generators {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let dirs: Vec<PathBuf> = ["early", "normal", "late"]
            .iter()
            .map(|d| dir.join(d))
            .collect();
        let source = format!("{label}:{name}");
        collect(&mut corpus, &dirs, &|_| source.clone(), true);
    }
    corpus
}

/// systemd's own test data as Debian's `systemd-tests` ships it (unpacked at `root`): every
/// directory under `usr/lib/systemd/tests/testdata` that holds unit files is a search path of
/// its own, source `systemd-tests:<directory>`. Network configuration (`test-network`) is not
/// unit files and is left out.
pub fn systemd_tests(root: &Path) -> Corpus {
    let mut corpus = Corpus::default();
    let base = root.join("usr/lib/systemd/tests/testdata");
    let mut dirs = vec![base.clone()];
    let mut i = 0;
    while i < dirs.len() {
        if let Ok(entries) = std::fs::read_dir(&dirs[i]) {
            let mut subdirs: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.is_dir()
                        && !p.is_symlink()
                        && !p.to_string_lossy().ends_with(".d")
                        && !p.to_string_lossy().ends_with(".wants")
                        && !p.to_string_lossy().ends_with(".requires")
                        && !p.ends_with("test-network")
                })
                .collect();
            subdirs.sort();
            dirs.extend(subdirs);
        }
        i += 1;
    }
    for dir in dirs {
        let rel = dir
            .strip_prefix(&base)
            .unwrap_or(&dir)
            .display()
            .to_string();
        let source = format!("systemd-tests:{rel}");
        collect(
            &mut corpus,
            std::slice::from_ref(&dir),
            &|_| source.clone(),
            true,
        );
    }
    corpus
}
