//! Evidence files for the demo appeals: small but real one-page PDFs (a certificate of
//! income, a property extract), built here so the demo needs no binary files, and stored in
//! the configured blob store like any citizen's upload.

use crate::auth::receipt::sha256_hex;
use crate::blobs::{BlobKey, BlobStore};
use crate::services::appeals::filing::StoredEvidence;

/// A one-page PDF whose page shows `lines` of ASCII text. The cross-reference table's offsets
/// are computed from the bytes written, so any reader opens it.
pub fn pdf(lines: &[&str]) -> Vec<u8> {
    let mut text = String::from("BT /F1 12 Tf 72 760 Td 16 TL");
    for line in lines {
        let escaped: String = line
            .chars()
            .filter(char::is_ascii)
            .flat_map(|c| match c {
                '(' | ')' | '\\' => vec!['\\', c],
                c => vec![c],
            })
            .collect();
        text.push_str(&format!(" ({escaped}) Tj T*"));
    }
    text.push_str(" ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_string(),
        format!("<< /Length {} >>\nstream\n{text}\nendstream", text.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::with_capacity(objects.len());
    for (index, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", index + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// Stores the demo certificate for `decision` and describes it for filing. Runs the store on
/// a runtime of its own: the command-line tools are not async.
pub fn certificate(blobs: &dyn BlobStore, decision: &str) -> anyhow::Result<StoredEvidence> {
    let bytes = pdf(&[
        "Certificate of income (demo)",
        &format!("For the applicant of decision {decision}"),
        "Average monthly income per family member, this year: 35,000 KZT",
        "Issued by the employer's accounting department.",
    ]);
    let sha256 = sha256_hex(&bytes);
    let key = BlobKey::for_evidence(decision, &sha256);
    let size = bytes.len() as i64;
    tokio::runtime::Builder::new_current_thread()
        .build()?
        .block_on(blobs.put(&key, bytes.into()))?;
    Ok(StoredEvidence {
        file_name: "income-certificate.pdf".into(),
        content_type: "application/pdf",
        size_bytes: size,
        sha256,
        blob_key: key.as_str().to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blobs::evidence::{sniff, EvidenceKind};

    #[test]
    fn the_demo_pdf_is_recognised_as_a_pdf_and_its_offsets_point_at_its_objects() {
        let bytes = pdf(&["Hello (world)"]);
        assert_eq!(sniff(&bytes), Some(EvidenceKind::Pdf));
        let text = String::from_utf8(bytes).unwrap_or_default();
        let xref_at: usize = text
            .rsplit("startxref\n")
            .next()
            .and_then(|rest| rest.lines().next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_default();
        assert!(text[xref_at..].starts_with("xref"));
        let third = text.find("3 0 obj").unwrap_or_default();
        assert!(text.contains(&format!("{third:010} 00000 n")));
        assert!(text.contains("(Hello \\(world\\)) Tj"));
    }
}
