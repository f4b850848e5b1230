//! `unitconv` command-line tool.
//!
//!     unitconv 3.5 km to mi
//!     unitconv "60 mi/h to m/s"
//!     echo "72 degF to degC" | unitconv      (one query per line)

use std::io::{self, BufRead, IsTerminal, Write};
use std::process::ExitCode;

use unitconv::{convert_units, format_value, parse_query, units};

const SIGNIFICANT_DIGITS: usize = 6;

fn run_query(query: &str, out: &mut impl Write) -> io::Result<bool> {
    match parse_query(query).and_then(|(v, from, to)| convert_units(v, &from, &to).map(|r| (v, from, to, r))) {
        Ok((value, from, to, result)) => {
            writeln!(
                out,
                "{} {} = {} {}",
                format_value(value, SIGNIFICANT_DIGITS),
                from.text,
                format_value(result, SIGNIFICANT_DIGITS),
                to.text
            )?;
            Ok(true)
        }
        Err(e) => {
            eprintln!("unitconv: {query:?}: {e}");
            Ok(false)
        }
    }
}

fn print_units(out: &mut impl Write) -> io::Result<()> {
    for dim_name in units::BASE_NAMES {
        let symbols: Vec<&str> = units::UNITS
            .iter()
            .filter(|u| u.dimension.to_string() == dim_name)
            .map(|u| u.symbol)
            .collect();
        writeln!(out, "{dim_name:>12}: {}", symbols.join(" "))?;
    }
    writeln!(out, "{:>12}: L mL gal (and any length^3)", "volume")
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let stdout = io::stdout();
    let mut out = stdout.lock();

    if args.first().map(String::as_str) == Some("--units") {
        return match print_units(&mut out) {
            Ok(()) => ExitCode::SUCCESS,
            Err(_) => ExitCode::FAILURE,
        };
    }
    if matches!(args.first().map(String::as_str), Some("-h" | "--help")) {
        println!("usage: unitconv <value> <unit> to <unit>\n       unitconv --units\n       (or one query per line on stdin)");
        return ExitCode::SUCCESS;
    }

    let mut all_ok = true;
    let result = if !args.is_empty() {
        run_query(&args.join(" "), &mut out).map(|ok| all_ok = ok)
    } else if io::stdin().is_terminal() {
        eprintln!("unitconv: no query given (try --help)");
        return ExitCode::from(2);
    } else {
        io::stdin().lock().lines().try_for_each(|line| {
            let line = line?;
            if !line.trim().is_empty() && !line.trim_start().starts_with('#') {
                all_ok &= run_query(&line, &mut out)?;
            }
            Ok(())
        })
    };

    match result {
        Ok(()) if all_ok => ExitCode::SUCCESS,
        Ok(()) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("unitconv: {e}");
            ExitCode::FAILURE
        }
    }
}
