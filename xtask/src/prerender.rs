//! Writes the profile into the built `index.html`: the page itself (the app's own components
//! rendered with Leptos `ssr`, so the browser takes this very markup over without rebuilding
//! it), and the head a link preview or a crawler reads: title, description, OpenGraph and
//! Twitter tags, canonical URL and JSON-LD (a `ProfilePage` of the `Person` and their projects).

use std::fs;
use std::path::Path;

use portfolio::fingerprint::fingerprint;
use portfolio::model::Profile;
use portfolio::page::Page;

use crate::Result;

/// Prerenders `dir/index.html` from `dir/profile.json`. `site_url` (e.g.
/// `https://example.com/portfolio/`) makes the canonical and preview URLs absolute.
/// Returns what the 404 page says (`site.labels.notFound`).
pub(crate) fn prerender(dir: &Path, site_url: Option<&str>) -> Result<String> {
    let path = dir.join("index.html");
    let html = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let (page, fingerprint) = profile_of(dir)?;
    let drawings = crate::drawings::write_for(dir, &page)?;
    let body = portfolio::render_page(page.clone(), fingerprint, Some(drawings));
    keep_built_profile(dir)?;
    let profile = page.profile();
    crate::og_image::write(dir, profile)?;
    let html = insert(
        &html,
        &head(profile, site_url, true),
        &body,
        &profile.site.lang,
    )?;
    fs::write(&path, html).map_err(|e| format!("{}: {e}", path.display()))?;
    let problems = page.problems().len();
    println!(
        "[dist] prerendered index.html and og-image.png from profile.json ({problems} problems)"
    );
    Ok(profile.site.labels.not_found.clone())
}

/// The profile in `dir/profile.json` and `<body>`'s content for it: the app's components
/// rendered to HTML, as the browser will take them over.
/// Every drawing is in this body (the page `prerender` writes links most of them as files).
#[cfg(test)]
pub(crate) fn body_of(dir: &Path) -> Result<(Page, String)> {
    let (page, fingerprint) = profile_of(dir)?;
    let body = portfolio::render_page(page.clone(), fingerprint, None);
    Ok((page, body))
}

/// The page of the profile in `dir/profile.json`, and the fingerprint of its text.
fn profile_of(dir: &Path) -> Result<(Page, String)> {
    let text = fs::read_to_string(dir.join("profile.json"))
        .map_err(|e| format!("{}/profile.json: {e}", dir.display()))?;
    let profile =
        portfolio::parse::parse_profile(&text).map_err(|e| format!("profile.json: {e}"))?;
    Ok((Page::new(profile), fingerprint(&text)))
}

/// Copies `dir/profile.json` to `profile-<fingerprint>.json`, the name the page was built from
/// (`<main data-profile>`): when the profile.json on the host cannot be read, the app fetches
/// this copy to take the page over as built. Its name changes with its text, so hosts cache it
/// for good (`headers.rs`).
fn keep_built_profile(dir: &Path) -> Result {
    let from = dir.join("profile.json");
    let text = fs::read_to_string(&from).map_err(|e| format!("{}: {e}", from.display()))?;
    let to = dir.join(portfolio::fingerprint::built_profile_path(&fingerprint(
        &text,
    )));
    fs::write(&to, text).map_err(|e| format!("{}: {e}", to.display()))
}

/// Escapes text for HTML text or a double-quoted attribute value.
pub(crate) fn html_escape(text: &str) -> String {
    html_escape::encode_double_quoted_attribute(text).into_owned()
}

/// Puts `head` before `</head>` and `body` as the content of `<body>`, and the profile's
/// language on `<html>`.
fn insert(page: &str, head: &str, body: &str, lang: &str) -> Result<String> {
    let html_start = page.find("<html").ok_or("index.html has no <html>")?;
    let html_end = page[html_start..]
        .find('>')
        .ok_or("index.html has an unclosed <html>")?
        + html_start
        + 1;
    let head_end = page.find("</head>").ok_or("index.html has no </head>")?;
    let body_start = page.find("<body>").ok_or("index.html has no <body>")? + "<body>".len();
    let body_end = page.rfind("</body>").ok_or("index.html has no </body>")?;
    Ok(format!(
        "{}<html lang=\"{}\">{}{head}{}{body}{}",
        &page[..html_start],
        html_escape(lang),
        &page[html_end..head_end],
        &page[head_end..body_start],
        &page[body_end..]
    ))
}

/// The head tags, from the profile.
/// The preview image (`og-image.png`) is named only when it was built and the site URL is
/// known: previews need an absolute URL.
pub(crate) fn head(profile: &Profile, site_url: Option<&str>, image: bool) -> String {
    let site = &profile.site;
    let person = &profile.person;
    let mut out = format!("<title>{}</title>", html_escape(&site.title));
    let meta = |out: &mut String, key: &str, name: &str, content: &str| {
        out.push_str(&format!(
            "<meta {key}=\"{name}\" content=\"{}\">",
            html_escape(content)
        ));
    };
    meta(&mut out, "name", "description", &site.description);
    meta(&mut out, "name", "author", &person.name);
    meta(&mut out, "property", "og:type", "profile");
    meta(&mut out, "property", "og:title", &site.title);
    meta(&mut out, "property", "og:description", &site.description);
    meta(
        &mut out,
        "property",
        "og:locale",
        &site.lang.replace('-', "_"),
    );
    meta(
        &mut out,
        "name",
        "twitter:card",
        if image && site_url.is_some() {
            "summary_large_image"
        } else {
            "summary"
        },
    );
    meta(&mut out, "name", "twitter:title", &site.title);
    meta(&mut out, "name", "twitter:description", &site.description);
    if let Some(url) = site_url {
        out.push_str(&format!(
            "<link rel=\"canonical\" href=\"{}\">",
            html_escape(url)
        ));
        meta(&mut out, "property", "og:url", url);
        if image {
            let image = format!("{}/og-image.png", url.trim_end_matches('/'));
            meta(&mut out, "property", "og:image", &image);
            meta(&mut out, "property", "og:image:width", "1200");
            meta(&mut out, "property", "og:image:height", "630");
            meta(
                &mut out,
                "property",
                "og:image:alt",
                &format!("{} — {}", person.name, person.role),
            );
            meta(&mut out, "name", "twitter:image", &image);
        }
    }
    out.push_str(&format!(
        "<script type=\"application/ld+json\">{}</script>",
        json_ld(profile, site_url)
    ));
    out
}

/// schema.org structured data for search engines: a `ProfilePage` whose `mainEntity` is the
/// `Person` (role, employer, what they know, their links, schools, certificates), and each
/// project as a `CreativeWork` by that person (its tags are the person's `knowsAbout`: as
/// each project's keywords too they cost 0.1 KB of the first response, issue 24).
fn json_ld(profile: &Profile, site_url: Option<&str>) -> String {
    let mut value = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "ProfilePage",
        "name": profile.site.title,
        "description": profile.site.description,
        "inLanguage": profile.site.lang,
        "mainEntity": person_ld(profile, site_url),
        "hasPart": profile.projects.iter().map(|project| {
            let mut work = serde_json::json!({
                "@type": "CreativeWork",
                "name": project.title,
                "description": project.summary,
                "creator": { "@id": "#person" },
            });
            if let Some(url) = site_url {
                work["url"] = format!("{url}#{}", project.id).into();
            }
            work
        }).collect::<Vec<_>>(),
    });
    if let Some(url) = site_url {
        value["url"] = url.into();
    }
    script_safe(&serde_json::to_string(&value).expect("JSON values serialise"))
}

/// The `Person`: `worksFor` names only jobs marked current (a past employer is not one), and
/// `knowsAbout` the project tags, then the skills, each once.
fn person_ld(profile: &Profile, site_url: Option<&str>) -> serde_json::Value {
    let person = &profile.person;
    let same_as: Vec<&str> = profile
        .contact
        .iter()
        .map(|c| c.href.as_str())
        .filter(|h| h.starts_with("https:"))
        .collect();
    let mut knows: Vec<&str> = Vec::new();
    let tags = profile.projects.iter().flat_map(|p| p.tags.iter());
    for item in tags.chain(profile.skills.iter().flat_map(|row| row.items.iter())) {
        if !knows.iter().any(|known| known.eq_ignore_ascii_case(item)) {
            knows.push(item);
        }
    }
    let organisation = |kind: &str, name: &str, url: Option<&String>| {
        let mut org = serde_json::json!({ "@type": kind, "name": name });
        if let Some(url) = url {
            org["url"] = url.as_str().into();
        }
        org
    };
    let works_for: Vec<_> = profile
        .work
        .iter()
        .filter(|job| job.current)
        .map(|job| organisation("Organization", &job.company, job.url.as_ref()))
        .collect();
    let mut value = serde_json::json!({
        "@type": "Person",
        "@id": "#person",
        "name": person.name,
        "jobTitle": person.role,
        "description": person.summary.first(),
        "sameAs": same_as,
        "knowsAbout": knows,
        "worksFor": works_for,
        "alumniOf": profile.education.iter()
            .map(|school| organisation("EducationalOrganization", &school.institution,
                                       school.url.as_ref()))
            .collect::<Vec<_>>(),
        "hasCredential": profile.certificates.iter()
            .map(|c| serde_json::json!({
                "@type": "EducationalOccupationalCredential", "name": c.name,
            }))
            .collect::<Vec<_>>(),
    });
    // Nothing and an empty list say nothing; left out.
    if let Some(map) = value.as_object_mut() {
        map.retain(|_, v| !v.is_null() && v.as_array().is_none_or(|a| !a.is_empty()));
    }
    if let Some(email) = profile
        .contact
        .iter()
        .find_map(|c| c.href.strip_prefix("mailto:"))
    {
        value["email"] = email.into();
    }
    if let Some(url) = site_url {
        value["url"] = url.into();
    }
    value
}

/// JSON that stays inside its `<script>`: `</script` would end the element and `<!--<script`
/// would make the parser read past it, so no `<`, `>` or `&` is left as itself. The escapes
/// are JSON's own (`\u003c`), so the value parses the same.
fn script_safe(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_ld_cannot_end_or_swallow_its_script() {
        let text = "a </script> b <!--<script> c & d";
        let safe = script_safe(&serde_json::to_string(text).unwrap());
        assert!(
            !safe.contains('<') && !safe.contains('>') && !safe.contains('&'),
            "{safe}"
        );
        assert_eq!(serde_json::from_str::<String>(&safe).unwrap(), text);
    }

    #[test]
    fn the_page_goes_into_body_and_tags_into_head() {
        let page = "<!DOCTYPE html>\n<html lang=\"en\">\
                    <head><meta charset=\"utf-8\"></head><body></body></html>";
        let out = insert(page, "<title>T</title>", "<main>M</main>", "de").unwrap();
        assert_eq!(
            out,
            "<!DOCTYPE html>\n<html lang=\"de\">\
             <head><meta charset=\"utf-8\"><title>T</title></head>\
             <body><main>M</main></body></html>"
        );
    }

    #[test]
    fn the_head_describes_the_person_from_the_profile() {
        let profile =
            portfolio::parse::parse_profile(include_str!("../../tests/fixtures/rich.json"))
                .unwrap();
        let head = head(&profile, Some("https://example.com/portfolio/"), true);
        assert!(head.contains(&format!(
            "<title>{}</title>",
            html_escape(&profile.site.title)
        )));
        assert!(head.contains(
            "property=\"og:image\" content=\"https://example.com/portfolio/og-image.png\""
        ));
        assert!(head.contains("<link rel=\"canonical\" href=\"https://example.com/portfolio/\">"));
        let start = head.find("application/ld+json\">").unwrap() + "application/ld+json\">".len();
        let end = head[start..].find("</script>").unwrap() + start;
        let json: serde_json::Value = serde_json::from_str(&head[start..end]).unwrap();
        assert_eq!(json["@type"], "ProfilePage");
        assert_eq!(json["mainEntity"]["name"], profile.person.name.as_str());
    }

    /// The JSON-LD of `head`, parsed.
    fn json_ld_of(head: &str) -> serde_json::Value {
        let start = head.find("application/ld+json\">").unwrap() + "application/ld+json\">".len();
        let end = head[start..].find("</script>").unwrap() + start;
        serde_json::from_str(&head[start..end]).unwrap()
    }

    #[test]
    fn structured_data_is_a_profile_page_of_the_person_and_their_projects() {
        let mut profile =
            portfolio::parse::parse_profile(include_str!("../../tests/fixtures/rich.json"))
                .unwrap();
        let json = json_ld_of(&head(&profile, Some("https://example.com/"), true));
        assert_eq!(json["@context"], "https://schema.org");
        assert_eq!(json["@type"], "ProfilePage");
        assert_eq!(json["url"], "https://example.com/");
        let person = &json["mainEntity"];
        assert_eq!(person["@type"], "Person");
        assert_eq!(person["name"], "Aayushi Gupta");
        assert_eq!(person["jobTitle"], profile.person.role.as_str());
        let knows = person["knowsAbout"].as_array().unwrap();
        assert!(knows.contains(&"Kafka".into()) && knows.contains(&"DynamoDB".into()));
        let same_as = person["sameAs"].as_array().unwrap();
        assert!(same_as.contains(&"https://linkedin.com/in/guptaaayushi09".into()));
        assert_eq!(person["hasCredential"][0]["name"], "AWS Certified");
        // The fixture's first job is current: she works for it now.
        assert_eq!(
            person["worksFor"][0]["name"],
            profile.work[0].company.as_str()
        );
        let parts = json["hasPart"].as_array().unwrap();
        assert_eq!(parts.len(), profile.projects.len());
        for (part, project) in parts.iter().zip(&profile.projects) {
            assert_eq!(part["@type"], "CreativeWork");
            assert_eq!(part["name"], project.title.as_str());
            assert_eq!(part["creator"]["@id"], person["@id"]);
            assert_eq!(
                part["url"],
                format!("https://example.com/#{}", project.id).as_str()
            );
        }
        assert_eq!(person["worksFor"].as_array().unwrap().len(), 1);
        // A history of past jobs only says where they worked, not where they work now.
        profile.work.iter_mut().for_each(|job| job.current = false);
        let json = json_ld_of(&head(&profile, None, true));
        assert_eq!(json["mainEntity"].get("worksFor"), None);
    }

    #[test]
    fn profile_text_cannot_break_out_of_the_structured_data() {
        let mut profile =
            portfolio::parse::parse_profile(include_str!("../../tests/fixtures/rich.json"))
                .unwrap();
        profile.projects[0].title = "</script><script>alert(1)</script>".into();
        profile.person.name = "<!--<script>".into();
        let head = head(&profile, None, false);
        let start = head.find("application/ld+json").unwrap();
        assert_eq!(
            head[start..].matches("</script>").count(),
            1,
            "only its own end"
        );
        assert!(!head[start..].contains("<script>"));
        let json = json_ld_of(&head);
        assert_eq!(
            json["hasPart"][0]["name"],
            "</script><script>alert(1)</script>"
        );
    }

    #[test]
    fn the_prerendered_page_shows_the_work_history_education_and_certificates() {
        let profile =
            portfolio::parse::parse_profile(include_str!("../../tests/fixtures/rich.json"))
                .unwrap();
        let body = portfolio::render_page(Page::new(profile.clone()), String::new(), None);
        let section = |name: &str| {
            let start = body
                .find(&format!("id=\"{name}-title\""))
                .unwrap_or_else(|| panic!("no {name} section"));
            let end = body[start..].find("</section>").unwrap() + start;
            body[start..end].to_string()
        };
        let work = section("work");
        for job in &profile.work {
            assert!(work.contains(&job.company), "{} missing", job.company);
        }
        let certificates = section("certificates");
        assert!(certificates.contains("AWS Certified"));
        let education = section("education");
        for school in &profile.education {
            assert!(
                education.contains(&school.institution),
                "{school:?} missing"
            );
        }
    }
}
