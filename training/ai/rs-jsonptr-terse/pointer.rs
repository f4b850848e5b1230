use crate::Value;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pointer(Vec<String>);

#[derive(Debug, PartialEq, Eq)]
pub enum PtrError {
    NoLeadingSlash,
    BadEscape(usize),
}

impl std::str::FromStr for Pointer {
    type Err = PtrError;

    fn from_str(s: &str) -> Result<Self, PtrError> {
        if s.is_empty() {
            return Ok(Pointer(vec![]));
        }
        let rest = s.strip_prefix('/').ok_or(PtrError::NoLeadingSlash)?;
        rest.split('/')
            .enumerate()
            .map(|(n, t)| unescape(t).ok_or(PtrError::BadEscape(n)))
            .collect::<Result<_, _>>()
            .map(Pointer)
    }
}

fn unescape(t: &str) -> Option<String> {
    let mut out = String::with_capacity(t.len());
    let mut it = t.chars();
    while let Some(c) = it.next() {
        if c != '~' {
            out.push(c);
            continue;
        }
        match it.next()? {
            '0' => out.push('~'),
            '1' => out.push('/'),
            _ => return None,
        }
    }
    Some(out)
}

fn idx(tok: &str, len: usize) -> Option<usize> {
    if tok.len() > 1 && tok.starts_with('0') {
        return None;
    }
    tok.parse().ok().filter(|&i| i < len)
}

impl Pointer {
    pub fn tokens(&self) -> &[String] {
        &self.0
    }

    pub fn push(&mut self, t: impl Into<String>) {
        self.0.push(t.into());
    }

    pub fn parent(&self) -> Option<Pointer> {
        let (_, head) = self.0.split_last()?;
        Some(Pointer(head.to_vec()))
    }

    pub fn get<'v>(&self, mut v: &'v Value) -> Option<&'v Value> {
        for t in &self.0 {
            v = match v {
                Value::Obj(m) => m.get(t)?,
                Value::Arr(a) => &a[idx(t, a.len())?],
                _ => return None,
            };
        }
        Some(v)
    }

    pub fn get_mut<'v>(&self, mut v: &'v mut Value) -> Option<&'v mut Value> {
        for t in &self.0 {
            v = match v {
                Value::Obj(m) => m.get_mut(t)?,
                Value::Arr(a) => {
                    let i = idx(t, a.len())?;
                    &mut a[i]
                }
                _ => return None,
            };
        }
        Some(v)
    }

    pub fn set(&self, root: &mut Value, new: Value) -> Result<Option<Value>, ()> {
        let Some((last, _)) = self.0.split_last() else {
            return Ok(Some(std::mem::replace(root, new)));
        };
        match self.parent().unwrap().get_mut(root).ok_or(())? {
            Value::Obj(m) => Ok(m.insert(last.clone(), new)),
            Value::Arr(a) if last == "-" => {
                a.push(new);
                Ok(None)
            }
            Value::Arr(a) => match idx(last, a.len() + 1) {
                Some(i) if i == a.len() => {
                    a.push(new);
                    Ok(None)
                }
                Some(i) => Ok(Some(std::mem::replace(&mut a[i], new))),
                None => Err(()),
            },
            _ => Err(()),
        }
    }
}

impl std::fmt::Display for Pointer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for t in &self.0 {
            write!(f, "/{}", t.replace('~', "~0").replace('/', "~1"))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse;

    #[test]
    fn rfc_examples() {
        let doc = parse(r#"{"foo":["bar","baz"],"":0,"a/b":1,"m~n":8}"#).unwrap();
        let p = |s: &str| s.parse::<Pointer>().unwrap();
        assert_eq!(p("").get(&doc), Some(&doc));
        assert_eq!(p("/foo/0").get(&doc), Some(&Value::Str("bar".into())));
        assert_eq!(p("/").get(&doc), Some(&Value::Num(0.0)));
        assert_eq!(p("/a~1b").get(&doc), Some(&Value::Num(1.0)));
        assert_eq!(p("/m~0n").get(&doc), Some(&Value::Num(8.0)));
        assert_eq!(p("/foo/01").get(&doc), None);
        assert_eq!(p("/m~0n").to_string(), "/m~0n");
    }

    #[test]
    fn set_appends() {
        let mut doc = parse("[1,2]").unwrap();
        "/-".parse::<Pointer>()
            .unwrap()
            .set(&mut doc, Value::Null)
            .unwrap();
        "/3".parse::<Pointer>()
            .unwrap()
            .set(&mut doc, Value::Bool(true))
            .unwrap();
        assert_eq!(
            doc,
            Value::Arr(vec![
                Value::Num(1.0),
                Value::Num(2.0),
                Value::Null,
                Value::Bool(true)
            ])
        );
        assert!("/9"
            .parse::<Pointer>()
            .unwrap()
            .set(&mut doc, Value::Null)
            .is_err());
    }

    #[test]
    fn bad_pointers() {
        assert_eq!("x".parse::<Pointer>(), Err(PtrError::NoLeadingSlash));
        assert_eq!("/a/b~2".parse::<Pointer>(), Err(PtrError::BadEscape(1)));
    }
}
