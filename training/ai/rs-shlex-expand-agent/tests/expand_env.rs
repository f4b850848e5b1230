extern crate shlex;

use std::collections::HashMap;
use std::env;

use shlex::{expand, split};

fn lookup_in<'a>(map: &'a HashMap<&'a str, &'a str>) -> impl FnMut(&str) -> Option<String> + 'a {
    move |name| map.get(name).map(|v| v.to_string())
}

#[test]
fn test_expand_from_process_env() {
    env::set_var("SHLEX_EXPAND_TEST_DIR", "/tmp/some dir");
    let words = split(&expand("cp -r $SHLEX_EXPAND_TEST_DIR/a \"${SHLEX_EXPAND_TEST_DIR}/b\"",
                              |name| env::var(name).ok()).unwrap()).unwrap();
    assert_eq!(words, ["cp", "-r", "/tmp/some dir/a", "/tmp/some dir/b"]);
}

#[test]
fn test_expand_default_is_not_quoted_again() {
    let vars = HashMap::new();
    let line = expand("run ${MODE:-'fast mode'} ${LEVEL:-3}", lookup_in(&vars)).unwrap();
    assert_eq!(line, "run 'fast mode' 3");
    assert_eq!(split(&line).unwrap(), ["run", "fast mode", "3"]);
}

#[test]
fn test_expand_keeps_comments_and_line_numbers() {
    let mut vars = HashMap::new();
    vars.insert("CC", "clang");
    let line = expand("$CC -c a.c # uses $CC\n$CC -o a a.o", lookup_in(&vars)).unwrap();
    let mut sh = shlex::Shlex::new(&line);
    let words: Vec<String> = sh.by_ref().collect();
    assert_eq!(words, ["clang", "-c", "a.c", "clang", "-o", "a", "a.o"]);
    assert_eq!(sh.line_no, 2);
}

#[test]
fn test_expand_errors() {
    let vars = HashMap::new();
    assert_eq!(expand("echo ${HOME", lookup_in(&vars)), None);
    assert_eq!(expand("echo ${HOME:=x}", lookup_in(&vars)), None);
    assert_eq!(split(&expand("echo \"$NOPE", lookup_in(&vars)).unwrap()), None);
}
