//! Command-line front end for the `hexdump` library.
//!
//! Usage: `hexdump [OPTIONS] [FILE]`. Reads standard input when no file (or
//! `-`) is given.

use std::fs::File;
use std::io::{self, BufWriter, Read, Seek, SeekFrom};
use std::path::PathBuf;
use std::process::ExitCode;

use hexdump::{Dumper, Options};

const USAGE: &str = "\
Usage: hexdump [OPTIONS] [FILE]

Options:
  -s, --skip <N>     skip N bytes from the start of the input
  -n, --length <N>   dump at most N bytes
  -w, --width <N>    bytes per line (1-64, default 16)
  -u, --uppercase    use upper-case hex digits
  -v, --no-squeeze   print every line, even repeated ones
  -h, --help         show this help

Numbers may be given in decimal or as 0x-prefixed hex.";

/// Parsed command-line arguments.
#[derive(Debug, Default)]
struct Args {
    path: Option<PathBuf>,
    skip: u64,
    length: Option<u64>,
    opts: Options,
}

/// Parses a non-negative number in decimal or `0x` hexadecimal notation.
fn parse_number(flag: &str, value: &str) -> Result<u64, String> {
    let parsed = match value
        .strip_prefix("0x")
        .or_else(|| value.strip_prefix("0X"))
    {
        Some(hex) => u64::from_str_radix(hex, 16),
        None => value.parse::<u64>(),
    };
    parsed.map_err(|_| format!("invalid number for {flag}: {value:?}"))
}

/// Parses the process arguments (excluding the program name).
///
/// Returns `Ok(None)` when `--help` was requested.
fn parse_args<I: Iterator<Item = String>>(mut argv: I) -> Result<Option<Args>, String> {
    let mut args = Args::default();

    while let Some(arg) = argv.next() {
        // Helper closure to fetch the value that must follow a flag.
        let mut value = |flag: &str| {
            argv.next()
                .ok_or_else(|| format!("missing value for {flag}"))
        };

        match arg.as_str() {
            "-h" | "--help" => return Ok(None),
            "-s" | "--skip" => args.skip = parse_number(&arg, &value(&arg)?)?,
            "-n" | "--length" => args.length = Some(parse_number(&arg, &value(&arg)?)?),
            "-w" | "--width" => {
                let width = parse_number(&arg, &value(&arg)?)?;
                args.opts.width = usize::try_from(width).map_err(|_| "width too large")?;
            }
            "-u" | "--uppercase" => args.opts.uppercase = true,
            "-v" | "--no-squeeze" => args.opts.squeeze = false,
            "-" => args.path = None,
            s if s.starts_with('-') => return Err(format!("unknown option: {s}")),
            _ => {
                if args.path.is_some() {
                    return Err("only one input file may be given".to_string());
                }
                args.path = Some(PathBuf::from(arg));
            }
        }
    }

    // Offsets printed in the dump should match positions in the original file.
    args.opts.base_offset = args.skip;
    Ok(Some(args))
}

/// Opens the input and positions it at `skip`.
///
/// Files are seeked directly; standard input cannot seek, so the skipped bytes
/// are read and discarded instead.
fn open_input(args: &Args) -> io::Result<Box<dyn Read>> {
    match &args.path {
        Some(path) => {
            let mut file = File::open(path)?;
            file.seek(SeekFrom::Start(args.skip))?;
            Ok(Box::new(file))
        }
        None => {
            let mut stdin = io::stdin().lock();
            io::copy(&mut (&mut stdin).take(args.skip), &mut io::sink())?;
            Ok(Box::new(stdin))
        }
    }
}

fn run(args: Args) -> Result<(), Box<dyn std::error::Error>> {
    let input = open_input(&args)?;
    // Apply the optional length limit without reading past it.
    let mut input: Box<dyn Read> = match args.length {
        Some(n) => Box::new(input.take(n)),
        None => input,
    };

    let stdout = io::stdout().lock();
    let mut dumper = Dumper::new(BufWriter::new(stdout), args.opts)?;

    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = match input.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            // A signal interrupted the read; simply try again.
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e.into()),
        };
        dumper.write(&buf[..n])?;
    }
    dumper.finish()?;
    Ok(())
}

fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(Some(args)) => args,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(msg) => {
            eprintln!("hexdump: {msg}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };

    match run(args) {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (e.g. `hexdump big.bin | head`) is not an error.
        Err(e)
            if e.downcast_ref::<io::Error>()
                .map_or(false, |io| io.kind() == io::ErrorKind::BrokenPipe) =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("hexdump: {e}");
            ExitCode::FAILURE
        }
    }
}
