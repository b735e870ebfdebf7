//! A QR code drawn in the page (no network, no image service), so a kiosk
//! user can take their results home on their phone.

use qrcodegen::{QrCode, QrCodeEcc};

/// The SVG path of the dark modules of `text`'s QR code, and the side length
/// including a 4-module quiet zone; `None` if the text is too long to encode.
pub fn qr_path(text: &str) -> Option<(String, i32)> {
    let qr = QrCode::encode_text(text, QrCodeEcc::Low).ok()?;
    let size = qr.size();
    let mut d = String::new();
    for y in 0..size {
        for x in 0..size {
            if qr.get_module(x, y) {
                d.push_str(&format!("M{} {}h1v1h-1z", x + 4, y + 4));
            }
        }
    }
    Some((d, size + 8))
}

/// The code of `text` as an SVG image named `label`, as HTML text; `None`
/// if the text is too long to encode.
pub fn qr_svg(text: &str, label: &str) -> Option<String> {
    use policy_explainer::html::esc;
    let (d, side) = qr_path(text)?;
    Some(format!(
        r##"<svg class="qr-code" viewBox="0 0 {side} {side}" role="img" aria-label="{}" data-testid="qr-code" data-text="{}"><rect width="{side}" height="{side}" fill="#fff"/><path d="{d}" fill="#000"/></svg>"##,
        esc(label),
        esc(text)
    ))
}
