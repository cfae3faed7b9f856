//! How long building the QR art for a device code takes: both error-correction levels (M and L)
//! of a Zoom `verification_uri_complete`, turned into finished cells. This runs once per device
//! code (not per frame), and is on the path to the first frame with the QR.
//! Run with `cargo bench --bench qr`.

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use zoomctl::qr::{Qr, QrStyle};

/// What Zoom sends as `verification_uri_complete`.
const ZOOM: &str = "https://zoom.us/oauth/device/complete/ABCD1234";
/// What the demo's simulator sends (loopback with a port: a few characters longer).
const LOOPBACK: &str = "http://127.0.0.1:43817/oauth/device/complete/BCDFGHJK";

fn qr(c: &mut Criterion) {
    let mut group = c.benchmark_group("qr_build");
    for (name, url) in [("zoom", ZOOM), ("loopback", LOOPBACK)] {
        // Qr::new encodes the payload twice (levels L and M) and prebuilds the cells of both.
        group.bench_function(format!("{name}/halfblock_m_and_l"), |b| {
            b.iter(|| Qr::new(black_box(url), QrStyle::HalfBlock))
        });
        group.bench_function(format!("{name}/ascii_m_and_l"), |b| {
            b.iter(|| Qr::new(black_box(url), QrStyle::Ascii { invert: false }))
        });
    }
    // Restyling (the invert key, a theme change) reuses the modules and only rebuilds the cells.
    let built = Qr::new(ZOOM, QrStyle::HalfBlock).expect("a short URL always encodes");
    group.bench_function("zoom/restyle_to_mono", |b| {
        b.iter(|| black_box(&built).with_style(QrStyle::Mono { invert: true }))
    });
    group.finish();
}

criterion_group!(benches, qr);
criterion_main!(benches);
