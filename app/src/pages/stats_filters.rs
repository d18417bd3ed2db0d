//! What a statistics page is narrowed to, and every address it links to: the filter form (a
//! GET form, so it works without JavaScript and the choice stays in the address), the quick
//! periods, drill-down links and downloads, each carrying the same filters.

use super::stats_sort;
use crate::context::use_page_context;
use crate::i18n::pick_text;
use crate::tr;
use crate::types::{StatsAudience, StatsChoice, StatsFilters, StatsReport, StatsTable};
use leptos::prelude::*;

/// The filters from the page's query (`?agency=&system=&from=&to=`); an empty value is no filter.
pub fn filters_from_query(get: impl Fn(&str) -> Option<String>) -> StatsFilters {
    let value = |name: &str| {
        get(name)
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    StatsFilters {
        agency: value("agency"),
        system: value("system"),
        from: value("from"),
        to: value("to"),
    }
}

/// A `YYYY-MM` month as a count of months, for stepping through the calendar.
fn month_index(key: &str) -> Option<i32> {
    let (year, month) = key.split_once('-')?;
    let (year, month) = (year.parse::<i32>().ok()?, month.parse::<i32>().ok()?);
    (1..=12).contains(&month).then_some(year * 12 + month - 1)
}

fn month_key(index: i32) -> String {
    format!(
        "{:04}-{:02}",
        index.div_euclid(12),
        index.rem_euclid(12) + 1
    )
}

/// The addresses of one report's page: its own path and the filters it was narrowed to, with
/// the period written out so a link or a download shows exactly the months on screen, and
/// the column its tables are sorted by, which links to the page keep (downloads do not).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatsLinks {
    pub public: bool,
    pub agency: Option<String>,
    pub system: Option<String>,
    pub from: String,
    pub to: String,
    /// A known column of `stats_sort`, or `None` for the server's order.
    pub sort: Option<String>,
}

impl StatsLinks {
    pub fn new(report: &StatsReport) -> StatsLinks {
        StatsLinks {
            public: report.audience == StatsAudience::Public,
            agency: report.filters.agency.clone(),
            system: report.filters.system.clone(),
            from: report.period.from.clone(),
            to: report.period.to.clone(),
            sort: None,
        }
    }

    /// The same links with the tables sorted by `sort`, when it names a column.
    pub fn sorted(self, sort: Option<&str>) -> StatsLinks {
        let sort = sort.and_then(stats_sort::known).map(str::to_string);
        StatsLinks { sort, ..self }
    }

    /// The page's path: the public figures or the staff dashboard.
    pub fn page(&self) -> &'static str {
        if self.public {
            "/stats"
        } else {
            "/staff/stats"
        }
    }

    fn query(
        agency: Option<&str>,
        system: Option<&str>,
        from: &str,
        to: &str,
        sort: Option<&str>,
    ) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        for (name, value) in [
            ("agency", agency.unwrap_or_default()),
            ("system", system.unwrap_or_default()),
            ("from", from),
            ("to", to),
            ("sort", sort.unwrap_or_default()),
        ] {
            if !value.is_empty() {
                query.append_pair(name, value);
            }
        }
        query.finish()
    }

    /// This page again, as it is now (where a form post returns to).
    pub fn here(&self) -> String {
        let query = Self::query(
            self.agency.as_deref(),
            self.system.as_deref(),
            &self.from,
            &self.to,
            self.sort.as_deref(),
        );
        format!("{}?{query}", self.page())
    }

    /// This page with its tables sorted by `column`, landing back at the table `anchor`.
    pub fn sort_href(&self, column: &str, anchor: &str) -> String {
        let query = Self::query(
            self.agency.as_deref(),
            self.system.as_deref(),
            &self.from,
            &self.to,
            Some(column),
        );
        format!("{}?{query}#{anchor}", self.page())
    }

    /// The same state body and system over other months.
    pub fn with_period(&self, from: &str, to: &str) -> String {
        let query = Self::query(
            self.agency.as_deref(),
            self.system.as_deref(),
            from,
            to,
            self.sort.as_deref(),
        );
        format!("{}?{query}", self.page())
    }

    /// One state body over the same months.
    pub fn agency_href(&self, slug: &str) -> String {
        let query = Self::query(Some(slug), None, &self.from, &self.to, self.sort.as_deref());
        format!("{}?{query}", self.page())
    }

    /// One system over the same months.
    pub fn system_href(&self, slug: &str) -> String {
        let query = Self::query(None, Some(slug), &self.from, &self.to, self.sort.as_deref());
        format!("{}?{query}", self.page())
    }

    /// A table of this page as a file: `/stats/export/agencies.csv?…` (or under `/staff`).
    pub fn export_href(&self, table: StatsTable, extension: &str) -> String {
        let query = Self::query(
            self.agency.as_deref(),
            self.system.as_deref(),
            &self.from,
            &self.to,
            None,
        );
        format!(
            "{}/export/{}.{extension}?{query}",
            self.page(),
            table.as_str()
        )
    }

    /// The quick periods, each ending at the period shown: the last twelve months, this
    /// calendar year so far, and the last whole quarter before the shown month's.
    pub fn quick_periods(&self) -> Option<[(String, String); 3]> {
        let to = month_index(&self.to)?;
        let year_start = to - to.rem_euclid(12);
        let quarter_start = to - to.rem_euclid(3) - 3;
        Some([
            (month_key(to - 11), month_key(to)),
            (month_key(year_start), month_key(to)),
            (month_key(quarter_start), month_key(quarter_start + 2)),
        ])
    }
}

fn choice_name(choice: &StatsChoice) -> String {
    let context = use_page_context();
    pick_text(&choice.name, context.locale, context.default_locale).0
}

/// The GET form that narrows the figures to a state body, a system and a run of months.
#[component]
pub fn StatsFilterForm(
    links: StatsLinks,
    agencies: Vec<StatsChoice>,
    systems: Vec<StatsChoice>,
) -> impl IntoView {
    let locale = use_page_context().locale;
    // A supervisor's dashboard has one state body: there is no "all" to offer.
    let offer_all = agencies.len() != 1 || links.public;
    let chosen_agency = links.agency.clone().unwrap_or_default();
    let chosen_system = links.system.clone().unwrap_or_default();
    let agency_options = agencies
        .iter()
        .map(|a| {
            let selected = a.slug == chosen_agency;
            view! { <option value=a.slug.clone() selected=selected>{choice_name(a)}</option> }
        })
        .collect_view();
    let system_option = move |s: &StatsChoice| {
        let selected = s.slug == chosen_system;
        view! { <option value=s.slug.clone() selected=selected>{choice_name(s)}</option> }
    };
    // Systems are grouped under their state body, so two bodies' systems of the same name
    // can be told apart.
    let grouped = agencies
        .iter()
        .map(|a| {
            let own: Vec<_> = systems
                .iter()
                .filter(|s| s.agency.as_deref() == Some(a.slug.as_str()))
                .map(system_option.clone())
                .collect();
            (!own.is_empty()).then(|| view! { <optgroup label=choice_name(a)>{own}</optgroup> })
        })
        .collect_view();
    let orphans = systems
        .iter()
        .filter(|s| {
            !agencies
                .iter()
                .any(|a| s.agency.as_deref() == Some(a.slug.as_str()))
        })
        .map(system_option.clone())
        .collect_view();
    view! {
        <form method="get" action=links.page() class="filters stats-filters" role="search" aria-label=tr!(locale, stats_filters_label)>
            <div class="field">
                <label for="stats-agency">{tr!(locale, stats_col_agency)}</label>
                <select id="stats-agency" name="agency">
                    {offer_all.then(|| view! { <option value="">{tr!(locale, stats_all_agencies)}</option> })}
                    {agency_options}
                </select>
            </div>
            <div class="field">
                <label for="stats-system">{tr!(locale, stats_col_system)}</label>
                <select id="stats-system" name="system">
                    <option value="">{tr!(locale, stats_all_systems)}</option>
                    {grouped}
                    {orphans}
                </select>
            </div>
            <div class="field field-month">
                <label for="stats-from">{tr!(locale, stats_from)}</label>
                <input type="month" id="stats-from" name="from" value=links.from.clone() pattern="[0-9]{4}-[0-9]{2}" aria-describedby="stats-month-hint" />
            </div>
            <div class="field field-month">
                <label for="stats-to">{tr!(locale, stats_to)}</label>
                <input type="month" id="stats-to" name="to" value=links.to.clone() pattern="[0-9]{4}-[0-9]{2}" aria-describedby="stats-month-hint" />
            </div>
            // One hint for both month fields, for browsers that show them as plain text boxes.
            <p class="hint stats-month-hint" id="stats-month-hint">{tr!(locale, stats_month_hint)}</p>
            <button type="submit" class="button">{tr!(locale, stats_show)}</button>
        </form>
    }
}

/// Links to the usual periods, keeping the state body and system.
#[component]
pub fn QuickPeriods(links: StatsLinks) -> impl IntoView {
    let locale = use_page_context().locale;
    links.quick_periods().map(|[year, this_year, quarter]| {
        let labels = [
            (year, tr!(locale, stats_last_12_months)),
            (this_year, tr!(locale, stats_this_year)),
            (quarter, tr!(locale, stats_last_quarter)),
        ];
        view! {
            <nav class="quick-periods" aria-label=tr!(locale, stats_quick_label)>
                <ul class="link-list">
                    {labels.into_iter().map(|((from, to), label)| {
                        let current = from == links.from && to == links.to;
                        view! { <li><a href=links.with_period(&from, &to) aria-current=current.then_some("page")>{label}</a></li> }
                    }).collect_view()}
                </ul>
            </nav>
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links(to: &str) -> StatsLinks {
        StatsLinks {
            public: true,
            agency: Some("social benefits".into()),
            system: None,
            from: "2025-01".into(),
            to: to.into(),
            sort: None,
        }
    }

    #[test]
    fn quick_periods_end_at_the_month_shown() {
        let [year, this_year, quarter] = links("2026-11").quick_periods().unwrap();
        assert_eq!(year, ("2025-12".into(), "2026-11".into()));
        assert_eq!(this_year, ("2026-01".into(), "2026-11".into()));
        assert_eq!(quarter, ("2026-07".into(), "2026-09".into()));
        let [_, _, quarter] = links("2026-02").quick_periods().unwrap();
        assert_eq!(quarter, ("2025-10".into(), "2025-12".into()));
        assert!(links("soon").quick_periods().is_none());
    }

    #[test]
    fn links_keep_the_filters_encoded() {
        let l = links("2026-02");
        assert_eq!(
            l.export_href(StatsTable::Months, "csv"),
            "/stats/export/months.csv?agency=social+benefits&from=2025-01&to=2026-02"
        );
        assert_eq!(
            l.system_href("scoring"),
            "/stats?system=scoring&from=2025-01&to=2026-02"
        );
        let staff = StatsLinks { public: false, ..l };
        assert_eq!(
            staff.here(),
            "/staff/stats?agency=social+benefits&from=2025-01&to=2026-02"
        );
        let sorted = staff.sorted(Some("median_days"));
        assert_eq!(
            sorted.here(),
            "/staff/stats?agency=social+benefits&from=2025-01&to=2026-02&sort=median_days"
        );
        assert_eq!(
            sorted.sort_href("name", "stats-systems"),
            "/staff/stats?agency=social+benefits&from=2025-01&to=2026-02&sort=name#stats-systems"
        );
        assert!(!sorted
            .export_href(StatsTable::Agencies, "csv")
            .contains("sort"));
        assert_eq!(sorted.sorted(Some("bogus")).sort, None);
    }

    #[test]
    fn empty_query_values_are_no_filter() {
        let filters = filters_from_query(|name| match name {
            "agency" => Some(" ".into()),
            "from" => Some("2026-01".into()),
            _ => None,
        });
        assert_eq!(filters.agency, None);
        assert_eq!(filters.from.as_deref(), Some("2026-01"));
    }
}
