use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};

#[derive(Debug, Clone)]
pub struct Task {
    pub name: String,
    pub deps: Vec<String>,
    pub cmd: Vec<String>,
    pub inputs: Vec<String>,
    pub output: Option<String>,
}

pub fn parse(src: &str) -> Result<BTreeMap<String, Task>, String> {
    let mut out = BTreeMap::new();
    let mut cur: Option<Task> = None;
    for (i, l) in src.lines().enumerate() {
        let ln = i + 1;
        if l.trim().is_empty() || l.trim_start().starts_with('#') {
            continue;
        }
        if l.starts_with(' ') || l.starts_with('\t') {
            let t = cur.as_mut().ok_or(format!("{ln}: command outside task"))?;
            let l = l.trim();
            if let Some(r) = l.strip_prefix("in:") {
                t.inputs.extend(r.split_whitespace().map(String::from));
            } else if let Some(r) = l.strip_prefix("out:") {
                t.output = Some(r.trim().to_string());
            } else {
                t.cmd.push(l.to_string());
            }
            continue;
        }
        let (name, deps) = l.split_once(':').ok_or(format!("{ln}: expected 'name: deps'"))?;
        let name = name.trim();
        if name.is_empty() || name.contains(char::is_whitespace) {
            return Err(format!("{ln}: bad task name {name:?}"));
        }
        if let Some(t) = cur.take() {
            out.insert(t.name.clone(), t);
        }
        if out.contains_key(name) {
            return Err(format!("{ln}: duplicate task {name}"));
        }
        cur = Some(Task {
            name: name.into(),
            deps: deps.split_whitespace().map(String::from).collect(),
            cmd: vec![],
            inputs: vec![],
            output: None,
        });
    }
    if let Some(t) = cur {
        out.insert(t.name.clone(), t);
    }
    for t in out.values() {
        if let Some(d) = t.deps.iter().find(|d| !out.contains_key(*d)) {
            return Err(format!("task {} depends on unknown {d}", t.name));
        }
    }
    Ok(out)
}

pub fn closure<'a>(ts: &'a BTreeMap<String, Task>, roots: &[&str]) -> Result<HashSet<&'a str>, String> {
    let mut seen = HashSet::new();
    let mut st: Vec<&str> = roots.to_vec();
    while let Some(n) = st.pop() {
        let t = ts.get(n).ok_or(format!("no task {n}"))?;
        if seen.insert(t.name.as_str()) {
            st.extend(t.deps.iter().map(|s| s.as_str()));
        }
    }
    Ok(seen)
}

pub fn levels<'a>(ts: &'a BTreeMap<String, Task>, want: &HashSet<&'a str>) -> Result<Vec<Vec<&'a str>>, String> {
    let mut indeg: HashMap<&str, usize> = want.iter().map(|&n| (n, 0)).collect();
    let mut rdeps: HashMap<&str, Vec<&str>> = HashMap::new();
    for &n in want {
        for d in &ts[n].deps {
            *indeg.get_mut(n).unwrap() += 1;
            rdeps.entry(d.as_str()).or_default().push(n);
        }
    }
    let mut q: VecDeque<&str> = indeg.iter().filter(|(_, &v)| v == 0).map(|(&k, _)| k).collect();
    let mut out = vec![];
    let mut done = 0;
    while !q.is_empty() {
        let mut lvl: Vec<&str> = q.drain(..).collect();
        lvl.sort();
        for &n in &lvl {
            for &r in rdeps.get(n).map(|v| v.as_slice()).unwrap_or(&[]) {
                let e = indeg.get_mut(r).unwrap();
                *e -= 1;
                if *e == 0 {
                    q.push_back(r);
                }
            }
        }
        done += lvl.len();
        out.push(lvl);
    }
    if done != want.len() {
        let mut cyc: Vec<_> = indeg.into_iter().filter(|(_, v)| *v > 0).map(|(k, _)| k).collect();
        cyc.sort();
        return Err(format!("cycle among: {}", cyc.join(", ")));
    }
    Ok(out)
}
