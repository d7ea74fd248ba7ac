//! `cargo xtask size`: build the app, then report the raw and gzip sizes of every file in
//! `dist/pkg`, the package a portal copies: what a browser downloads besides the page and
//! the improvement action catalog.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use flate2::write::GzEncoder;
use flate2::Compression;

use crate::app_build;
use crate::install;
use crate::workspace::Workspace;

/// Builds `dist/` and prints the size table of `dist/pkg`.
pub fn run() -> Result<()> {
    let ws = Workspace::locate();
    let tools = install::build_tools(&ws)?;
    app_build::build(&ws, &tools)?;
    let pkg = ws.dist().join("pkg");
    let mut files = Vec::new();
    collect_files(&pkg, &mut files).with_context(|| format!("could not list {}", pkg.display()))?;
    files.sort();

    let name_of = |file: &PathBuf| {
        file.strip_prefix(&pkg)
            .unwrap_or(file)
            .display()
            .to_string()
    };
    // wasm-bindgen's snippets have long paths; the column fits the longest name.
    let width = files
        .iter()
        .map(|f| name_of(f).len())
        .max()
        .unwrap_or(0)
        .max(5);
    println!("\nSizes of {} (gzip -9):", pkg.display());
    println!("{:<width$} {:>22} {:>22}", "file", "raw", "gzip");
    let (mut raw_total, mut gzip_total) = (0, 0);
    for file in &files {
        let bytes = fs::read(file).with_context(|| format!("could not read {}", file.display()))?;
        let (raw, gzip) = (bytes.len() as u64, gzip_len(&bytes)?);
        println!(
            "{:<width$} {:>22} {:>22}",
            name_of(file),
            size(raw),
            size(gzip)
        );
        raw_total += raw;
        gzip_total += gzip;
    }
    println!(
        "{:<width$} {:>22} {:>22}",
        "total",
        size(raw_total),
        size(gzip_total)
    );
    Ok(())
}

/// Every file under `dir`, recursively (wasm-bindgen may write `snippets/`).
fn collect_files(dir: &Path, files: &mut Vec<PathBuf>) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            collect_files(&entry.path(), files)?;
        } else {
            files.push(entry.path());
        }
    }
    Ok(())
}

/// The length of `bytes` gzipped at the best compression level.
pub fn gzip_len(bytes: &[u8]) -> io::Result<u64> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(bytes)?;
    Ok(encoder.finish()?.len() as u64)
}

/// A size in bytes with its KiB value, e.g. `123456 B (120.6 KiB)`.
pub fn size(bytes: u64) -> String {
    format!("{bytes} B ({:.1} KiB)", bytes as f64 / 1024.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_bytes_and_kib() {
        assert_eq!(size(0), "0 B (0.0 KiB)");
        assert_eq!(size(1024), "1024 B (1.0 KiB)");
        assert_eq!(size(123_456), "123456 B (120.6 KiB)");
    }

    #[test]
    fn gzip_shrinks_repetitive_data_and_decompresses_back() {
        let text = "snowcard ".repeat(1000);
        let len = gzip_len(text.as_bytes()).unwrap();
        assert!(
            len > 0 && len < 200,
            "gzip of 9000 repetitive bytes was {len} bytes"
        );

        let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
        encoder.write_all(text.as_bytes()).unwrap();
        let gz = encoder.finish().unwrap();
        let mut back = String::new();
        io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&gz[..]), &mut back).unwrap();
        assert_eq!(back, text);
        assert_eq!(gz.len() as u64, len);
    }
}
