// "a.*.c" matches one segment, "a.#" matches zero or more trailing ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter(Vec<Seg>);

#[derive(Debug, Clone, PartialEq, Eq)]
enum Seg {
    Lit(String),
    One,
    Rest,
}

impl Filter {
    pub fn parse(s: &str) -> Option<Filter> {
        let parts: Vec<&str> = s.split('.').collect();
        let mut v = Vec::with_capacity(parts.len());
        for (i, p) in parts.iter().enumerate() {
            v.push(match *p {
                "" => return None,
                "*" => Seg::One,
                "#" if i == parts.len() - 1 => Seg::Rest,
                "#" => return None,
                p if p.contains(['*', '#']) => return None,
                p => Seg::Lit(p.to_string()),
            });
        }
        Some(Filter(v))
    }

    pub fn matches(&self, topic: &str) -> bool {
        let mut segs = topic.split('.');
        for s in &self.0 {
            match (s, segs.next()) {
                (Seg::Rest, _) => return true,
                (_, None) => return false,
                (Seg::One, Some(_)) => {}
                (Seg::Lit(l), Some(t)) if l == t => {}
                _ => return false,
            }
        }
        segs.next().is_none()
    }

    pub fn is_exact(&self) -> bool {
        self.0.iter().all(|s| matches!(s, Seg::Lit(_)))
    }
}

#[cfg(test)]
mod tests {
    use super::Filter;

    #[test]
    fn wildcards() {
        let cases = [
            ("a.b", "a.b", true),
            ("a.b", "a.b.c", false),
            ("a.*", "a.b", true),
            ("a.*", "a", false),
            ("a.#", "a", true),
            ("a.#", "a.b.c", true),
            ("*.b.#", "x.b", true),
            ("*.b.#", "x.c.b", false),
            ("#", "anything.at.all", true),
        ];
        for (f, t, want) in cases {
            assert_eq!(Filter::parse(f).unwrap().matches(t), want, "{f} ~ {t}");
        }
    }

    #[test]
    fn rejects() {
        for f in ["", "a..b", "a.#.b", "a*", "x.y#"] {
            assert!(Filter::parse(f).is_none(), "{f}");
        }
    }
}
