mod graph;

use std::process::{exit, Command};
use std::sync::{Arc, Mutex};
use std::time::{Instant, SystemTime};
use std::{env, fs, thread};

use graph::Task;

fn mtime(p: &str) -> Option<SystemTime> {
    fs::metadata(p).and_then(|m| m.modified()).ok()
}

fn fresh(t: &Task) -> bool {
    let Some(out) = t.output.as_deref().and_then(mtime) else { return false };
    !t.inputs.is_empty() && t.inputs.iter().all(|i| mtime(i).is_some_and(|m| m <= out))
}

fn run(t: &Task, dry: bool) -> Result<(), String> {
    for c in &t.cmd {
        println!("[{}] {c}", t.name);
        if dry {
            continue;
        }
        let st = Command::new("sh").arg("-c").arg(c).status().map_err(|e| format!("{}: {e}", t.name))?;
        if !st.success() {
            return Err(format!("{}: `{c}` exited {}", t.name, st.code().unwrap_or(-1)));
        }
    }
    Ok(())
}

fn main() {
    let mut args: Vec<String> = env::args().skip(1).collect();
    let dry = take(&mut args, "-n");
    let force = take(&mut args, "-B");
    let list = take(&mut args, "-l");
    let file = env::var("TASKFILE").unwrap_or_else(|_| "Taskfile".into());
    let src = fs::read_to_string(&file).unwrap_or_else(|e| die(&format!("{file}: {e}")));
    let ts = graph::parse(&src).unwrap_or_else(|e| die(&format!("{file}:{e}")));
    if list {
        for t in ts.values() {
            println!("{:<16} {}", t.name, t.deps.join(" "));
        }
        return;
    }
    let roots: Vec<&str> = if args.is_empty() {
        vec![ts.keys().next().map(|s| s.as_str()).unwrap_or_else(|| die("no tasks"))]
    } else {
        args.iter().map(|s| s.as_str()).collect()
    };
    let want = graph::closure(&ts, &roots).unwrap_or_else(|e| die(&e));
    let lv = graph::levels(&ts, &want).unwrap_or_else(|e| die(&e));
    let t0 = Instant::now();
    let errs = Arc::new(Mutex::new(vec![]));
    let mut ran = 0;
    for lvl in lv {
        let todo: Vec<&Task> = lvl.iter().map(|n| &ts[*n]).filter(|t| force || !fresh(t)).collect();
        ran += todo.len();
        thread::scope(|s| {
            for t in todo {
                let errs = Arc::clone(&errs);
                s.spawn(move || {
                    if let Err(e) = run(t, dry) {
                        errs.lock().unwrap().push(e);
                    }
                });
            }
        });
        let e = errs.lock().unwrap();
        if !e.is_empty() {
            e.iter().for_each(|x| eprintln!("error: {x}"));
            exit(1);
        }
    }
    eprintln!("{ran} task(s) in {:.2?}", t0.elapsed());
}

fn take(a: &mut Vec<String>, f: &str) -> bool {
    let n = a.len();
    a.retain(|x| x != f);
    a.len() != n
}

fn die(m: &str) -> ! {
    eprintln!("taskrun: {m}");
    exit(2)
}
