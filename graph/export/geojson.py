"""The places and plants that have a point, as a GeoJSON FeatureCollection (RFC 7946: longitude, latitude; WGS84),
the format map tools open (QGIS, Leaflet, geojson.io)."""

from __future__ import annotations

from typing import Any

from policykg.graph.lookup.answers import MapPoint


def feature_collection(points: list[MapPoint]) -> dict[str, Any]:
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": p.iri,
                "geometry": {"type": "Point", "coordinates": [p.lon, p.lat]},
                "properties": {
                    "iri": p.iri,
                    "kind": p.kind,
                    "label": p.label,
                    "unit_type": p.unit_type,
                    "mentions": p.mentions,
                },
            }
            for p in points
        ],
    }
