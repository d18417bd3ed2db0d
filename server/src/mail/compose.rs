//! Lays a message's words out as the plain-text and HTML bodies: one calm column, the link as
//! a button and as a plain address (some mail readers show no buttons), nothing remote loaded.

use app::types::MailWords;

/// The two bodies of one message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bodies {
    pub text: String,
    pub html: String,
}

/// The bodies of `words` leading to `link`.
pub fn bodies(words: &MailWords, link: &str, language: &str) -> Bodies {
    Bodies {
        text: text(words, link),
        html: html(words, link, language),
    }
}

fn text(words: &MailWords, link: &str) -> String {
    let mut out = String::new();
    for paragraph in &words.paragraphs {
        out.push_str(paragraph);
        out.push_str("\n\n");
    }
    if let Some(quote) = &words.quote {
        for line in quote.lines() {
            out.push_str("> ");
            out.push_str(line);
            out.push('\n');
        }
        out.push('\n');
    }
    for line in &words.list {
        out.push_str("- ");
        out.push_str(line);
        out.push('\n');
    }
    if !words.list.is_empty() {
        out.push('\n');
    }
    out.push_str(&words.action);
    out.push_str(":\n");
    out.push_str(link);
    out.push_str("\n\n-- \n");
    out.push_str(&words.footer);
    out.push('\n');
    out
}

fn html(words: &MailWords, link: &str, language: &str) -> String {
    let mut body = String::new();
    for paragraph in &words.paragraphs {
        body.push_str(&format!(
            "<p style=\"margin:0 0 16px\">{}</p>\n",
            escape(paragraph)
        ));
    }
    if let Some(quote) = &words.quote {
        body.push_str(&format!(
            "<blockquote style=\"margin:0 0 16px;padding:8px 16px;border-left:4px solid #1d5c8f;\
             background:#f3f6f9;white-space:pre-wrap\">{}</blockquote>\n",
            escape(quote)
        ));
    }
    if !words.list.is_empty() {
        body.push_str("<ul style=\"margin:0 0 16px;padding-left:20px\">\n");
        for line in &words.list {
            body.push_str(&format!("<li>{}</li>\n", escape(line)));
        }
        body.push_str("</ul>\n");
    }
    let link = escape(link);
    format!(
        "<!DOCTYPE html>\n<html lang=\"{language}\">\n<head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width\">\
         <title>{subject}</title></head>\n\
         <body style=\"margin:0;padding:24px;background:#ffffff;color:#1b1f23;\
         font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5\">\n\
         <div style=\"max-width:600px;margin:0 auto\">\n\
         <p style=\"margin:0 0 24px;font-weight:bold;color:#1d5c8f\">Redress</p>\n\
         {body}\
         <p style=\"margin:24px 0\"><a href=\"{link}\" style=\"display:inline-block;\
         padding:12px 20px;background:#1d5c8f;color:#ffffff;text-decoration:none;\
         border-radius:4px\">{action}</a></p>\n\
         <p style=\"margin:0 0 24px;font-size:14px;color:#4a5560;word-break:break-all\">{link}</p>\n\
         <hr style=\"border:none;border-top:1px solid #d5dbe0\">\n\
         <p style=\"font-size:13px;color:#4a5560\">{footer}</p>\n\
         </div>\n</body>\n</html>\n",
        subject = escape(&words.subject),
        action = escape(&words.action),
        footer = escape(&words.footer),
    )
}

/// Escapes text for HTML content and attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words() -> MailWords {
        MailWords {
            subject: "Your challenge RA-1 <ok>".into(),
            paragraphs: vec!["First & foremost.".into(), "Second.".into()],
            quote: Some("Line one\nline <two>".into()),
            list: vec!["RA-1 — due 1 December".into()],
            action: "Follow".into(),
            footer: "Why you get this.".into(),
        }
    }

    #[test]
    fn the_text_body_carries_every_part_and_the_link() {
        let body = bodies(&words(), "https://portal.example/appeals/RA-1", "en").text;
        assert!(body.starts_with("First & foremost.\n\nSecond.\n\n> Line one\n> line <two>\n"));
        assert!(body.contains("- RA-1 — due 1 December\n"));
        assert!(body.contains("Follow:\nhttps://portal.example/appeals/RA-1\n"));
        assert!(body.ends_with("-- \nWhy you get this.\n"));
    }

    #[test]
    fn the_html_body_escapes_what_people_wrote() {
        let body = bodies(&words(), "https://portal.example/a?b=1&c=2", "ru").html;
        assert!(body.contains("<html lang=\"ru\">"));
        assert!(body.contains("First &amp; foremost."));
        assert!(body.contains("line &lt;two&gt;"));
        assert!(body.contains("href=\"https://portal.example/a?b=1&amp;c=2\""));
        assert!(!body.contains("<two>"));
    }
}
