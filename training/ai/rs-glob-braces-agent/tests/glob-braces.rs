// Copyright 2013-2014 The Rust Project Developers. See the COPYRIGHT
// file at the top-level directory of this distribution and at
// http://rust-lang.org/COPYRIGHT.
//
// Licensed under the Apache License, Version 2.0 <LICENSE-APACHE or
// http://www.apache.org/licenses/LICENSE-2.0> or the MIT license
// <LICENSE-MIT or http://opensource.org/licenses/MIT>, at your
// option. This file may not be copied, modified, or distributed
// except according to those terms.

#![cfg_attr(test, deny(warnings))]

extern crate glob;
extern crate tempdir;

use glob::{glob_braces, glob_braces_with, MatchOptions};
use std::env;
use std::fs;
use std::path::PathBuf;
use tempdir::TempDir;

#[test]
fn main() {
    fn mk_file(path: &str, directory: bool) {
        if directory {
            fs::create_dir(path).unwrap();
        } else {
            fs::File::create(path).unwrap();
        }
    }

    fn glob_vec(pattern: &str) -> Vec<PathBuf> {
        glob_braces(pattern).unwrap().map(|r| r.unwrap()).collect()
    }

    let root = TempDir::new("glob-braces-tests");
    let root = root.ok().expect("Should have created a temp directory");
    assert!(env::set_current_dir(root.path()).is_ok());

    mk_file("src", true);
    mk_file("src/lib.rs", false);
    mk_file("src/main.rs", false);
    mk_file("src/util.rs", false);
    mk_file("src/bin", true);
    mk_file("src/bin/tool.rs", false);
    mk_file("assets", true);
    mk_file("assets/logo.png", false);
    mk_file("assets/photo.jpg", false);
    mk_file("assets/photo.jpeg", false);
    mk_file("assets/Banner.PNG", false);
    mk_file("assets/notes.txt", false);
    mk_file("Cargo.toml", false);
    mk_file("Cargo.lock", false);

    // windows does not allow `{` or `}` in file names either
    if env::consts::FAMILY != "windows" {
        mk_file("assets/{odd}", false);
    }

    assert_eq!(
        glob_vec("src/{lib,main}.rs"),
        vec!(PathBuf::from("src/lib.rs"), PathBuf::from("src/main.rs"))
    );

    // alternatives keep their order, each one sorted on its own
    assert_eq!(
        glob_vec("{src/*,Cargo.*}"),
        vec!(
            PathBuf::from("src/bin"),
            PathBuf::from("src/lib.rs"),
            PathBuf::from("src/main.rs"),
            PathBuf::from("src/util.rs"),
            PathBuf::from("Cargo.lock"),
            PathBuf::from("Cargo.toml")
        )
    );

    assert_eq!(
        glob_vec("assets/*.{png,jp{e,}g}"),
        vec!(
            PathBuf::from("assets/logo.png"),
            PathBuf::from("assets/photo.jpeg"),
            PathBuf::from("assets/photo.jpg")
        )
    );

    // a path matched by two alternatives is only yielded once
    assert_eq!(
        glob_vec("src/{*,main}.rs"),
        vec!(
            PathBuf::from("src/lib.rs"),
            PathBuf::from("src/main.rs"),
            PathBuf::from("src/util.rs")
        )
    );

    assert_eq!(
        glob_vec("src/**/{tool,lib}.rs"),
        vec!(PathBuf::from("src/bin/tool.rs"), PathBuf::from("src/lib.rs"))
    );

    assert_eq!(glob_vec("{nothing,here}/*"), Vec::<PathBuf>::new());
    assert_eq!(glob_vec("assets/*.{gif}"), Vec::<PathBuf>::new());

    let options = MatchOptions {
        case_sensitive: false,
        require_literal_separator: false,
        require_literal_leading_dot: false,
    };
    let found: Vec<PathBuf> = glob_braces_with("assets/*.{png,txt}", options)
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(
        found,
        vec!(
            PathBuf::from("assets/Banner.PNG"),
            PathBuf::from("assets/logo.png"),
            PathBuf::from("assets/notes.txt")
        )
    );

    if env::consts::FAMILY != "windows" {
        assert_eq!(glob_vec("assets/[{]odd[}]"), vec!(PathBuf::from("assets/{odd}")));
        assert_eq!(glob_vec("assets/{odd}"), vec!(PathBuf::from("assets/{odd}")));
    }
}
