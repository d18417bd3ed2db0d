//! The evidence checks against real, minimal files of each format, built here byte by byte,
//! and against the files an uploader might pass off as evidence.

use super::*;

// ---- Fixtures ----

/// A one-page PDF with a correct cross-reference table, as a reader would accept it.
fn minimal_pdf() -> Vec<u8> {
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
    ];
    // The binary comment marks the file as binary for transfer programs, as writers do.
    let mut pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
    }
    let xref = pdf.len();
    pdf.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        pdf.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    pdf
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xffff_ffffu32;
    for byte in data {
        crc ^= u32::from(*byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn adler32(data: &[u8]) -> u32 {
    let (mut a, mut b) = (1u32, 0u32);
    for byte in data {
        a = (a + u32::from(*byte)) % 65521;
        b = (b + a) % 65521;
    }
    (b << 16) | a
}

fn png_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut chunk = (data.len() as u32).to_be_bytes().to_vec();
    chunk.extend_from_slice(kind);
    chunk.extend_from_slice(data);
    let crc = crc32(&chunk[4..]);
    chunk.extend_from_slice(&crc.to_be_bytes());
    chunk
}

/// A 1×1 grey PNG: signature, IHDR, IDAT (a stored zlib block) and IEND, with true CRCs.
fn minimal_png() -> Vec<u8> {
    let ihdr = [0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]; // 1×1, 8-bit greyscale
    let scanline = [0u8, 0x80]; // filter "none", one mid-grey pixel
    let mut zlib = vec![0x78, 0x01, 0x01, 0x02, 0x00, 0xfd, 0xff];
    zlib.extend_from_slice(&scanline);
    zlib.extend_from_slice(&adler32(&scanline).to_be_bytes());
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend(png_chunk(b"IHDR", &ihdr));
    png.extend(png_chunk(b"IDAT", &zlib));
    png.extend(png_chunk(b"IEND", &[]));
    png
}

/// A 1×1 grey baseline JPEG: SOI, JFIF APP0, DQT, SOF0, two DHT, SOS, scan data, EOI.
fn minimal_jpeg() -> Vec<u8> {
    hex::decode(concat!(
        "ffd8ffe000104a46494600010100000100010000",
        "ffdb004300100b0c0e0c0a100e0d0e1211101318281a181616183123251d283a333d3c393338374048",
        "5c4e404457453738506d51575f626768673e4d71797064785c656763",
        "ffc0000b080001000101011100",
        "ffc40014000100000000000000000000000000000000",
        "ffc40014100100000000000000000000000000000000",
        "ffda0008010100003f003f",
        "ffd9",
    ))
    .unwrap()
}

/// The start of a Windows executable: DOS stub header and the PE offset.
fn windows_executable() -> Vec<u8> {
    let mut exe = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00".to_vec();
    exe.resize(0x3c, 0);
    exe.extend_from_slice(&0x80u32.to_le_bytes());
    exe.resize(0x80, 0);
    exe.extend_from_slice(b"PE\0\0");
    exe.resize(512, 0x90);
    exe
}

fn limits() -> EvidenceLimits {
    EvidenceLimits::default()
}

// ---- Recognising the formats ----

#[test]
fn real_files_are_recognised() {
    assert_eq!(sniff(&minimal_pdf()), Some(EvidenceKind::Pdf));
    assert_eq!(sniff(&minimal_png()), Some(EvidenceKind::Png));
    assert_eq!(sniff(&minimal_jpeg()), Some(EvidenceKind::Jpeg));
}

#[test]
fn kinds_give_their_content_type_and_extension() {
    let pairs = [
        (EvidenceKind::Pdf, "application/pdf", "pdf"),
        (EvidenceKind::Png, "image/png", "png"),
        (EvidenceKind::Jpeg, "image/jpeg", "jpg"),
    ];
    for (kind, content_type, extension) in pairs {
        assert_eq!(kind.content_type(), content_type);
        assert_eq!(kind.extension(), extension);
    }
}

#[test]
fn renamed_executable_is_refused() {
    let exe = windows_executable();
    assert_eq!(
        check("decision.pdf", &exe, &limits()),
        Err(EvidenceProblem::UnsupportedType)
    );
    let elf = b"\x7fELF\x02\x01\x01\x00rest of an executable".to_vec();
    assert_eq!(
        check("scan.jpg", &elf, &limits()),
        Err(EvidenceProblem::UnsupportedType)
    );
}

#[test]
fn truncated_pdf_is_refused() {
    let pdf = minimal_pdf();
    let eof = pdf.windows(5).position(|w| w == b"%%EOF").unwrap();
    assert_eq!(sniff(&pdf[..eof]), None);
    assert_eq!(sniff(&pdf[..pdf.len() / 2]), None);
}

#[test]
fn pdf_end_marker_must_be_near_the_end() {
    let mut pdf = minimal_pdf();
    pdf.extend_from_slice(&[b' '; 1000]);
    assert_eq!(
        sniff(&pdf),
        Some(EvidenceKind::Pdf),
        "a little padding is normal"
    );
    pdf.extend_from_slice(&[b' '; 100]);
    assert_eq!(sniff(&pdf), None, "the marker left the last 1024 bytes");
}

#[test]
fn pdf_header_must_open_the_file() {
    let mut hidden = b"MZ".to_vec();
    hidden.extend(minimal_pdf());
    assert_eq!(sniff(&hidden), None);
}

#[test]
fn png_needs_its_header_chunk() {
    let png = minimal_png();
    assert_eq!(sniff(&png[..8]), None, "signature alone");
    let mut no_ihdr = png[..8].to_vec();
    no_ihdr.extend(png_chunk(b"IDAT", &[0; 13]));
    assert_eq!(sniff(&no_ihdr), None);
}

#[test]
fn jpeg_needs_its_end_marker_but_may_be_zero_padded() {
    let jpeg = minimal_jpeg();
    assert_eq!(sniff(&jpeg[..jpeg.len() - 2]), None);
    let mut padded = jpeg.clone();
    padded.extend_from_slice(&[0; 64]);
    assert_eq!(sniff(&padded), Some(EvidenceKind::Jpeg));
    let mut trailing_junk = jpeg;
    trailing_junk.extend_from_slice(b"<script>");
    assert_eq!(sniff(&trailing_junk), None);
}

#[test]
fn bare_markers_are_not_files() {
    assert_eq!(sniff(b"\xff\xd8\xff\xd9"), None);
    assert_eq!(
        sniff(b"%PDF-%%EOF"),
        Some(EvidenceKind::Pdf),
        "markers are all we ask"
    );
    assert_eq!(sniff(b""), None);
}

// ---- Checking one file ----

#[test]
fn accepted_file_carries_kind_size_digest_and_name() {
    let png = minimal_png();
    let checked = check("photo of letter.png", &png, &limits()).unwrap();
    assert_eq!(checked.kind, EvidenceKind::Png);
    assert_eq!(checked.size, png.len());
    assert_eq!(checked.sha256_hex, sha256_hex(&png));
    assert_eq!(checked.sha256_hex.len(), 64);
    assert_eq!(checked.safe_name, "photo of letter.png");
}

#[test]
fn declared_name_does_not_decide_the_kind() {
    let checked = check("letter.exe", &minimal_pdf(), &limits()).unwrap();
    assert_eq!(checked.kind, EvidenceKind::Pdf);
    assert_eq!(checked.kind.content_type(), "application/pdf");
}

#[test]
fn sha256_matches_known_vectors() {
    assert_eq!(
        sha256_hex(b"abc"),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
    assert_eq!(
        sha256_hex(b""),
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    );
}

#[test]
fn empty_file_is_refused() {
    assert_eq!(check("a.pdf", b"", &limits()), Err(EvidenceProblem::Empty));
}

#[test]
fn size_limit_is_inclusive() {
    let pdf = minimal_pdf();
    let exact = EvidenceLimits {
        max_bytes: pdf.len(),
        ..limits()
    };
    assert!(check("a.pdf", &pdf, &exact).is_ok());
    let smaller = EvidenceLimits {
        max_bytes: pdf.len() - 1,
        ..limits()
    };
    assert_eq!(
        check("a.pdf", &pdf, &smaller),
        Err(EvidenceProblem::TooLarge {
            max_bytes: pdf.len() - 1
        })
    );
}

#[test]
fn oversized_file_is_refused_before_its_type_is_judged() {
    let junk = vec![0x41; 11 * 1024 * 1024];
    assert_eq!(
        check("big.pdf", &junk, &limits()),
        Err(EvidenceProblem::TooLarge {
            max_bytes: 10 * 1024 * 1024
        })
    );
}

// ---- Checking the set of one appeal ----

#[test]
fn set_within_limits_passes() {
    assert_eq!(check_set(&[], &limits()), Ok(()));
    assert_eq!(check_set(&[5 * 1024 * 1024; 5], &limits()), Ok(()));
}

#[test]
fn set_with_too_many_files_is_refused() {
    assert_eq!(
        check_set(&[1; 6], &limits()),
        Err(EvidenceProblem::TooMany { max_files: 5 })
    );
}

#[test]
fn set_too_large_in_total_is_refused() {
    let total = EvidenceProblem::TotalTooLarge {
        max_total_bytes: 25 * 1024 * 1024,
    };
    assert_eq!(
        check_set(&[25 * 1024 * 1024 + 1], &limits()),
        Err(total.clone())
    );
    assert_eq!(check_set(&[usize::MAX, 2], &limits()), Err(total));
}

#[test]
fn limits_have_defaults_and_read_partial_configuration() {
    assert_eq!(
        limits(),
        EvidenceLimits {
            max_bytes: 10 * 1024 * 1024,
            max_files: 5,
            max_total_bytes: 25 * 1024 * 1024,
        }
    );
    let read: EvidenceLimits = serde_json::from_str(r#"{"max_files": 3}"#).unwrap();
    assert_eq!(read.max_files, 3);
    assert_eq!(read.max_bytes, 10 * 1024 * 1024);
}

#[test]
fn problems_read_as_sentences() {
    let problem = EvidenceProblem::TooLarge { max_bytes: 1024 };
    assert_eq!(problem.to_string(), "the file is larger than 1024 bytes");
}

// ---- Safe names ----

fn name_of(uploaded: &str) -> String {
    check(uploaded, &minimal_pdf(), &limits())
        .unwrap()
        .safe_name
}

#[test]
fn path_is_reduced_to_its_last_component() {
    assert_eq!(name_of("../../etc/passwd.pdf"), "passwd.pdf");
    assert_eq!(name_of("C:\\Users\\Aigerim\\Desktop\\scan.pdf"), "scan.pdf");
    assert_eq!(name_of("/var/tmp/"), "evidence.pdf");
}

#[test]
fn non_latin_letters_are_kept() {
    assert_eq!(name_of("Решение суда №5.pdf"), "Решение суда №5.pdf");
    assert_eq!(name_of("Шешім қағазы.pdf"), "Шешім қағазы.pdf");
}

#[test]
fn control_and_reserved_characters_are_removed() {
    assert_eq!(name_of("a\r\nb\t\0c.pdf"), "abc.pdf");
    assert_eq!(name_of("a*b?c\"d<e>f|g:h.pdf"), "abcdefgh.pdf");
}

#[test]
fn invisible_direction_marks_are_removed() {
    // U+202E would show "invoice\u{202E}fdp.exe" as "invoiceexe.pdf".
    assert_eq!(name_of("invoice\u{202E}fdp.exe"), "invoicefdp.exe");
    assert_eq!(name_of("\u{FEFF}a\u{200B}b.pdf"), "ab.pdf");
}

#[test]
fn empty_or_dotted_names_fall_back() {
    assert_eq!(name_of(""), "evidence.pdf");
    assert_eq!(name_of(".."), "evidence.pdf");
    assert_eq!(name_of("  \u{7}  "), "evidence.pdf");
    let jpeg = check("***", &minimal_jpeg(), &limits()).unwrap();
    assert_eq!(jpeg.safe_name, "evidence.jpg");
    assert_eq!(name_of(" report.pdf. "), "report.pdf");
}

#[test]
fn long_names_are_cut_keeping_the_extension() {
    let long = format!("{}.pdf", "a".repeat(300));
    let cut = name_of(&long);
    assert_eq!(cut.chars().count(), 100);
    assert!(cut.ends_with("aaa.pdf"));
    let cyrillic = format!("{}.pdf", "ж".repeat(300));
    let cut = name_of(&cyrillic);
    assert_eq!(cut.chars().count(), 100, "characters, not bytes");
    assert!(cut.ends_with("ж.pdf"));
    let no_extension = "b".repeat(150);
    assert_eq!(name_of(&no_extension), "b".repeat(100));
}
