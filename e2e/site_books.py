"""A department with one site and the site's good-item warehouse, the HQ
materials office, the department accountant and the site keeper: the books
the materials browser tests start from."""

from __future__ import annotations

import secrets
from dataclasses import dataclass


@dataclass
class SiteBooks:
    tag: str
    dept: dict
    site: dict
    hq: dict
    accountant: dict
    keeper: dict
    warehouse: dict

    def item(self, code: str, name: str, unit: str = "个", category: str = "consumable", repair_class: str = "I") -> dict:
        _, item = self.hq["api"].post(
            "/api/v1/items",
            {"code": code, "name": name, "unit": unit, "category": category, "repairClass": repair_class},
            expect=201,
        )
        return item


def site_books(admin_api, root_unit, make_user) -> SiteBooks:
    tag = secrets.token_hex(3).upper()
    _, dept = admin_api.post(
        "/api/v1/org-units", {"code": f"D{tag}", "name": f"业务部{tag}", "kind": "business", "parentId": root_unit["id"]}, expect=201
    )
    _, site = admin_api.post(
        "/api/v1/org-units", {"code": f"S{tag}", "name": f"现场{tag}", "kind": "site", "parentId": dept["id"]}, expect=201
    )
    hq = make_user(roles=["mgmt_materials"], display_name="物资管理室")
    accountant = make_user(roles=["dept_accountant"], display_name=f"账务员{tag}", org_unit_id=dept["id"])
    keeper = make_user(roles=["site_keeper"], display_name=f"保管员{tag}", org_unit_id=site["id"])
    _, warehouse = hq["api"].post(
        "/api/v1/warehouses", {"code": f"W{tag}", "name": f"现场{tag}完好品库", "orgUnitId": site["id"], "condition": "good"}, expect=201
    )
    return SiteBooks(tag, dept, site, hq, accountant, keeper, warehouse)
