#!/usr/bin/env python3
"""Fills the public register to 100 AI systems through the agency API, for the /register
benchmark: each demo system is registered again as the regional deployment of one of
Kazakhstan's regions, by its own agency, with every field in three languages.

Usage: register_systems.py BASE_URL SYSTEMS_JSON AGENCY=CLIENT_ID:SECRET...
"""
import copy
import json
import sys
import urllib.request

TARGET = 100

# (slug, Kazakh, Russian, English)
REGIONS = [
    ("akmola", "Ақмола облысы", "Акмолинская область", "Akmola Region"),
    ("aktobe", "Ақтөбе облысы", "Актюбинская область", "Aktobe Region"),
    ("almaty-region", "Алматы облысы", "Алматинская область", "Almaty Region"),
    ("atyrau", "Атырау облысы", "Атырауская область", "Atyrau Region"),
    ("west-kazakhstan", "Батыс Қазақстан облысы", "Западно-Казахстанская область", "West Kazakhstan Region"),
    ("zhambyl", "Жамбыл облысы", "Жамбылская область", "Zhambyl Region"),
    ("karaganda", "Қарағанды облысы", "Карагандинская область", "Karaganda Region"),
    ("kostanay", "Қостанай облысы", "Костанайская область", "Kostanay Region"),
    ("kyzylorda", "Қызылорда облысы", "Кызылординская область", "Kyzylorda Region"),
    ("mangystau", "Маңғыстау облысы", "Мангистауская область", "Mangystau Region"),
    ("pavlodar", "Павлодар облысы", "Павлодарская область", "Pavlodar Region"),
    ("north-kazakhstan", "Солтүстік Қазақстан облысы", "Северо-Казахстанская область", "North Kazakhstan Region"),
    ("turkistan", "Түркістан облысы", "Туркестанская область", "Turkistan Region"),
    ("east-kazakhstan", "Шығыс Қазақстан облысы", "Восточно-Казахстанская область", "East Kazakhstan Region"),
    ("abai", "Абай облысы", "Область Абай", "Abai Region"),
    ("zhetisu", "Жетісу облысы", "Область Жетісу", "Zhetisu Region"),
    ("ulytau", "Ұлытау облысы", "Область Ұлытау", "Ulytau Region"),
]


def post(url, body, token=None):
    headers = {"content-type": "application/json"}
    if token:
        headers["authorization"] = f"Bearer {token}"
    request = urllib.request.Request(url, json.dumps(body).encode(), headers)
    with urllib.request.urlopen(request) as response:
        return json.load(response)


def main():
    base, systems_file, credentials = sys.argv[1], sys.argv[2], sys.argv[3:]
    demo = json.load(open(systems_file, encoding="utf-8"))
    tokens = {}
    for item in credentials:
        agency, pair = item.split("=", 1)
        client_id, secret = pair.split(":", 1)
        answer = post(f"{base}/api/v1/token", {"client_id": client_id, "client_secret": secret})
        tokens[agency] = answer["access_token"]
    with urllib.request.urlopen(f"{base}/api/v1/systems") as response:
        listed = json.load(response)
    present = len(listed) if isinstance(listed, list) else len(listed.get("systems", []))
    made = 0
    for slug, kk, ru, en in REGIONS:
        for system in demo:
            if present + made >= TARGET:
                print(f"register: {present} systems before, {made} added through the API")
                return
            content = copy.deepcopy(system["content"])
            content["slug"] = f"{content['slug']}-{slug}"[:64].rstrip("-")
            for code, region in (("kk", kk), ("ru", ru), ("en", en)):
                if code in content["name"]:
                    content["name"][code] = f"{content['name'][code]} ({region})"
            # Published at once (scope register:publish), as a reviewed entry would be.
            content["publish"] = True
            content["change_note"] = f"Regional deployment: {en}."
            post(f"{base}/api/v1/systems", content, tokens[system["agency"]])
            made += 1
    print(f"register: {present} systems before, {made} added through the API")


if __name__ == "__main__":
    main()
