"""Helpers for the public side: real files for libmagic, and filing through the real form."""

import re
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile

from intake.models import Case
from tests.factories import pdf_bytes


def png_bytes():
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
        + chunk(b"IEND", b"")
    )


PDF = pdf_bytes()
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200


def photo(name="photo.png"):
    return SimpleUploadedFile(name, png_bytes(), content_type="image/png")


def document(name="letter.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def program(name="evil.exe"):
    # Named like a picture would not help it: the content decides.
    return SimpleUploadedFile(name, EXE, content_type="image/png")


def form_fields(client):
    """The hidden fields of a fresh public form (submission key and the signed access code)."""
    html = client.get("/complaints/new/").content.decode()
    return {
        "submission_key": re.search(r'name="submission_key" value="([^"]+)"', html).group(1),
        "access_token": re.search(r'name="access_token" value="([^"]+)"', html).group(1),
    }


def minimal(**extra):
    data = {
        "filer_type": "complainant",
        "narrative": "An officer pushed me at the bus stop.",
        "incident_on": "2026-11-01",
        "incident_place": "SE Hawthorne & 39th",
    }
    data.update(extra)
    return data


def file_through_form(client, **extra):
    """Files through the public form; returns (case, access code shown)."""
    page = client.post("/complaints/new/", {**form_fields(client), **minimal(**extra)}, follow=True)
    html = page.content.decode()
    number = re.search(r'id="case-number">([^<]+)<', html).group(1)
    code = re.search(r'id="access-code"[^>]*>([^<]+)<', html).group(1)
    return Case.objects.get(number=number), code


def unlock(client, case, code):
    return client.post("/complaints/status/", {"case_number": case.number, "access_code": code})
