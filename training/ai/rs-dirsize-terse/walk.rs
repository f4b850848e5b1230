use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

pub struct Cfg {
    pub apparent: bool,
    pub follow: bool,
}

pub struct Node {
    pub path: PathBuf,
    pub size: u64,
    pub kids: Vec<Node>,
}

pub struct Tree {
    pub root: Node,
    pub errors: Vec<String>,
}

#[cfg(unix)]
fn id(m: &fs::Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    Some((m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn id(_: &fs::Metadata) -> Option<(u64, u64)> {
    None
}

#[cfg(unix)]
fn disk(m: &fs::Metadata, apparent: bool) -> u64 {
    use std::os::unix::fs::MetadataExt;
    if apparent {
        m.len()
    } else {
        m.blocks() * 512
    }
}

#[cfg(not(unix))]
fn disk(m: &fs::Metadata, _: bool) -> u64 {
    m.len()
}

struct W<'a> {
    cfg: &'a Cfg,
    seen: HashSet<(u64, u64)>,
    errors: Vec<String>,
}

impl W<'_> {
    fn meta(&self, p: &Path) -> io::Result<fs::Metadata> {
        if self.cfg.follow {
            fs::metadata(p)
        } else {
            fs::symlink_metadata(p)
        }
    }

    fn visit(&mut self, p: PathBuf, m: fs::Metadata) -> Node {
        if let Some(k) = id(&m) {
            if m.nlink_gt1() && !self.seen.insert(k) {
                return Node {
                    path: p,
                    size: 0,
                    kids: vec![],
                };
            }
        }
        let mut n = Node {
            size: disk(&m, self.cfg.apparent),
            path: p,
            kids: vec![],
        };
        if !m.is_dir() {
            return n;
        }
        let rd = match fs::read_dir(&n.path) {
            Ok(rd) => rd,
            Err(e) => {
                self.errors.push(format!("{}: {e}", n.path.display()));
                return n;
            }
        };
        for ent in rd {
            let r = ent.and_then(|e| {
                let p = e.path();
                self.meta(&p).map(|m| (p, m))
            });
            match r {
                Ok((cp, cm)) => {
                    let c = self.visit(cp, cm);
                    n.size += c.size;
                    n.kids.push(c);
                }
                Err(e) => self.errors.push(format!("{}: {e}", n.path.display())),
            }
        }
        n
    }
}

trait Links {
    fn nlink_gt1(&self) -> bool;
}

impl Links for fs::Metadata {
    #[cfg(unix)]
    fn nlink_gt1(&self) -> bool {
        use std::os::unix::fs::MetadataExt;
        self.is_dir() || self.nlink() > 1
    }

    #[cfg(not(unix))]
    fn nlink_gt1(&self) -> bool {
        false
    }
}

pub fn scan(root: &Path, cfg: &Cfg) -> io::Result<Tree> {
    let mut w = W {
        cfg,
        seen: HashSet::new(),
        errors: vec![],
    };
    let m = w.meta(root)?;
    let root = w.visit(root.to_path_buf(), m);
    Ok(Tree {
        root,
        errors: w.errors,
    })
}

impl Tree {
    pub fn flatten(&self, depth: usize) -> Vec<(&Path, u64)> {
        let mut out = vec![];
        let mut st = vec![(&self.root, 0)];
        while let Some((n, d)) = st.pop() {
            out.push((n.path.as_path(), n.size));
            if d < depth {
                st.extend(
                    n.kids
                        .iter()
                        .filter(|k| !k.kids.is_empty() || d + 1 == depth)
                        .map(|k| (k, d + 1)),
                );
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_nested_files() {
        let base = std::env::temp_dir().join(format!("dsz-{}", std::process::id()));
        let _ = fs::remove_dir_all(&base);
        fs::create_dir_all(base.join("a/b")).unwrap();
        fs::write(base.join("a/x"), vec![0u8; 3000]).unwrap();
        fs::write(base.join("a/b/y"), vec![0u8; 5000]).unwrap();
        let t = scan(
            &base,
            &Cfg {
                apparent: true,
                follow: false,
            },
        )
        .unwrap();
        let rows = t.flatten(2);
        let a = rows.iter().find(|(p, _)| p.ends_with("a")).unwrap();
        assert!(a.1 >= 8000);
        assert!(rows.iter().any(|(p, _)| p.ends_with("a/b")));
        fs::remove_dir_all(&base).unwrap();
    }
}
