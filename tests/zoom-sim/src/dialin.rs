//! A fixed table of plausible, fictional dial-in numbers.

use serde_json::{json, Value};

/// (country code, country name, city, number, toll|tollfree)
const NUMBERS: &[(&str, &str, &str, &str, &str)] = &[
    ("US", "US", "New York", "+1 212 555 0143", "toll"),
    ("US", "US", "San Jose", "+1 408 555 0177", "toll"),
    ("US", "US", "", "+1 888 555 0100", "tollfree"),
    ("CA", "Canada", "Toronto", "+1 647 555 0112", "toll"),
    ("GB", "United Kingdom", "London", "+44 20 7946 0321", "toll"),
    ("DE", "Germany", "Frankfurt", "+49 69 5050 1234", "toll"),
    ("FR", "France", "Paris", "+33 1 7037 2246", "toll"),
    ("ES", "Spain", "Madrid", "+34 91 123 4567", "toll"),
    ("IT", "Italy", "Milan", "+39 02 8734 5512", "toll"),
    ("NL", "Netherlands", "Amsterdam", "+31 20 794 0054", "toll"),
    ("IE", "Ireland", "Dublin", "+353 1 653 3398", "toll"),
    ("AU", "Australia", "Sydney", "+61 2 8015 6011", "toll"),
    ("JP", "Japan", "Tokyo", "+81 3 4578 1488", "toll"),
    ("BR", "Brazil", "Sao Paulo", "+55 11 4680 6788", "toll"),
    ("IN", "India", "Mumbai", "+91 22 7127 9938", "toll"),
    ("MX", "Mexico", "Mexico City", "+52 55 4161 4288", "toll"),
];

/// Country codes that have numbers.
pub(crate) fn known(country: &str) -> bool {
    NUMBERS.iter().any(|n| n.0 == country)
}

/// `global_dial_in_numbers` entries for the given countries, in the order asked.
pub(crate) fn numbers_for(countries: &[String]) -> Vec<Value> {
    countries
        .iter()
        .flat_map(|c| NUMBERS.iter().filter(move |n| n.0 == c.as_str()))
        .map(|(country, name, city, number, kind)| {
            let mut v =
                json!({ "country": country, "country_name": name, "number": number, "type": kind });
            if !city.is_empty() {
                v["city"] = json!(city);
            }
            v
        })
        .collect()
}
