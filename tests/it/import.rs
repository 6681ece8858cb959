//! Importing unit files into the DSL: the libvirt goldens factored back into a family, the
//! machine's own units, and the errors a user sees.

#[path = "../corpus/scratch.rs"]
mod scratch;

use std::path::{Path, PathBuf};

use unit_core::import::{factor, read_paths, write_factored, Layout};

fn temp(name: &str) -> PathBuf {
    let dir = scratch::workspace()
        .join("target")
        .join("import-tests")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn files(dir: &Path) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let name = e.file_name().into_string().unwrap();
            (name, std::fs::read_to_string(e.path()).unwrap_or_default())
        })
        .collect();
    out.sort();
    out
}

#[test]
fn factored_libvirt_goldens_render_back_byte_for_byte() {
    let golden = scratch::workspace().join("tests").join("golden");
    let imported = read_paths(std::slice::from_ref(&golden)).unwrap();
    assert_eq!(imported.units.len(), 67);
    let source = write_factored(&factor(&imported), &Layout::default());
    let dir = temp("libvirt");
    std::fs::write(dir.join("family.rs"), &source).unwrap();
    scratch::rustfmt_clean(&source, &dir).unwrap();
    let family =
        std::fs::read_to_string(scratch::workspace().join("daemons/src/family.rs")).unwrap();
    let (ours, theirs) = (source.lines().count(), family.lines().count());
    assert!(
        ours <= 2 * theirs,
        "factored family has {ours} lines, more than twice the {theirs} of daemons/src/family.rs"
    );
    let krate = dir.join("crate");
    scratch::write_crate(&krate, &[("libvirt".into(), source)]).unwrap();
    let build = scratch::build(&krate);
    assert!(
        build.ok,
        "the factored family does not compile:\n{}",
        build.messages
    );
    let out = dir.join("out");
    assert!(scratch::render(&out));
    assert_eq!(files(&out.join("libvirt")), files(&golden));
}
