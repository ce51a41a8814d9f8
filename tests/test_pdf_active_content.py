"""PDFs that could run or open something by themselves are refused (issue 13.7): the probe filed a PDF
with JavaScript through the public form. Each kind of active content is built with pikepdf; so are a
name written with #xx escapes, one packed in a compressed object stream, and clean files that pass."""

import io

import pikepdf
import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from intake.models import ComplaintAttachment
from oversight.uploads import inspect_upload
from oversight.uploads.pdf import pdf_active_content

from .intake.public import file_through_form, form_fields, minimal, unlock
from .test_uploads import NOW


def _script(pdf):
    return pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert('hi')"))


def _link(pdf, action):
    annotation = pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[0, 0, 9, 9], A=action)
    pdf.pages[0].Annots = pdf.make_indirect(pikepdf.Array([annotation]))


def open_action_script(pdf):
    pdf.Root.OpenAction = _script(pdf)


def document_script(pdf):
    tree = pikepdf.Array([pikepdf.String("init"), pdf.make_indirect(_script(pdf))])
    pdf.Root.Names = pikepdf.Dictionary(JavaScript=pikepdf.Dictionary(Names=tree))


def page_additional_action(pdf):
    pdf.pages[0].AA = pikepdf.Dictionary(O=pikepdf.Dictionary(S=pikepdf.Name.Named, N=pikepdf.Name.NextPage))


def launch(pdf):
    pdf.Root.OpenAction = pikepdf.Dictionary(S=pikepdf.Name.Launch, F=pikepdf.String("calc.exe"))


def embedded_file(pdf):
    pdf.attachments["invoice.exe"] = pikepdf.AttachedFileSpec(pdf, b"MZ\x90\x00", mime_type="application/octet-stream")


def rich_media(pdf):
    annotation = pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.RichMedia, Rect=[0, 0, 9, 9])
    pdf.pages[0].Annots = pdf.make_indirect(pikepdf.Array([annotation]))


def xfa_form(pdf):
    pdf.Root.AcroForm = pikepdf.Dictionary(Fields=pikepdf.Array(), XFA=pdf.make_stream(b"<xdp:xdp/>"))


def submit_form(pdf):
    _link(pdf, pikepdf.Dictionary(S=pikepdf.Name.SubmitForm, F=pikepdf.String("https://example.invalid/")))


def import_data(pdf):
    _link(pdf, pikepdf.Dictionary(S=pikepdf.Name.ImportData, F=pikepdf.String("data.fdf")))


ACTIVE = {
    open_action_script: ["/JS", "/JavaScript", "/OpenAction"],
    document_script: ["/JS", "/JavaScript"],
    page_additional_action: ["/AA"],
    launch: ["/Launch", "/OpenAction"],
    embedded_file: ["/EmbeddedFile", "/EmbeddedFiles"],
    rich_media: ["/RichMedia"],
    xfa_form: ["/XFA"],
    submit_form: ["/SubmitForm"],
    import_data: ["/ImportData"],
}


def build(change=None, *, packed=False):
    """A one-page PDF, changed by change(pdf); packed puts its objects in compressed object streams."""
    pdf = pikepdf.new()
    pdf.add_blank_page()
    if change:
        change(pdf)
    out = io.BytesIO()
    mode = pikepdf.ObjectStreamMode.generate if packed else pikepdf.ObjectStreamMode.disable
    pdf.save(out, object_stream_mode=mode, compress_streams=packed)
    return out.getvalue()


def upload(content, name="statement.pdf"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.mark.parametrize("change", list(ACTIVE), ids=lambda change: change.__name__)
def test_each_kind_of_active_content_is_found(change):
    assert pdf_active_content(io.BytesIO(build(change))) == ACTIVE[change]


@pytest.mark.parametrize("change", list(ACTIVE), ids=lambda change: change.__name__)
def test_each_kind_of_active_content_is_refused_on_upload(change):
    with pytest.raises(ValidationError) as refused:
        inspect_upload(upload(build(change)), max_bytes=10**6)
    assert refused.value.error_list[0].code == "pdf_active"


def test_names_written_with_hex_escapes_are_read_as_the_names_they_are():
    escaped = build(open_action_script).replace(b"/JavaScript", b"/J#61va#53cript").replace(b"/JS ", b"/#4aS ")
    assert b"/JavaScript" not in escaped and b"/J#61va#53cript" in escaped
    assert pdf_active_content(io.BytesIO(escaped)) == ["/JS", "/JavaScript", "/OpenAction"]


def test_a_script_packed_in_a_compressed_object_stream_is_found():
    packed = build(open_action_script, packed=True)
    assert b"JavaScript" not in packed and b"/ObjStm" in packed
    assert pdf_active_content(io.BytesIO(packed)) == ["/JS", "/JavaScript", "/OpenAction"]


def test_a_clean_pdf_and_one_that_opens_at_a_page_are_accepted():
    def open_at_first_page(pdf):
        pdf.Root.OpenAction = pikepdf.Array([pdf.pages[0].obj, pikepdf.Name.Fit])

    for content in (build(), build(packed=True), build(open_at_first_page)):
        assert pdf_active_content(io.BytesIO(content)) == []
        assert inspect_upload(upload(content), max_bytes=10**6)[0] == "application/pdf"


def test_a_pdf_locked_with_a_password_cannot_be_checked_and_is_refused():
    pdf = pikepdf.new()
    pdf.add_blank_page()
    out = io.BytesIO()
    pdf.save(out, encryption=pikepdf.Encryption(user="secret", owner="owner"))
    with pytest.raises(ValidationError) as refused:
        inspect_upload(upload(out.getvalue()), max_bytes=10**6)
    assert refused.value.error_list[0].code == "pdf_unreadable"


# Through the public forms


@pytest.mark.django_db
def test_the_complaint_form_refuses_a_pdf_with_a_script_and_keeps_what_was_typed(client):
    with time_machine.travel(NOW, tick=False):
        fields = {
            **form_fields(client),
            **minimal(narrative="He took my phone."),
            "attachments": [upload(build(launch))],
        }
        page = client.post("/complaints/new/", fields)
    html = page.content.decode()
    assert page.status_code == 400
    assert "The file “statement.pdf” was not accepted: it is a PDF with parts that could run by themselves" in html
    assert "print it to a new PDF" in html and "He took my phone." in html
    assert not ComplaintAttachment.objects.exists()


@pytest.mark.django_db
def test_the_complaint_form_takes_a_clean_pdf(client):
    with time_machine.travel(NOW, tick=False):
        case, _code = file_through_form(client, attachments=[upload(build(packed=True))])
    assert ComplaintAttachment.objects.get(complaint__case=case).content_type == "application/pdf"


@pytest.mark.django_db
def test_the_status_page_refuses_a_packed_script_and_takes_a_clean_pdf(client):
    with time_machine.travel(NOW, tick=False):
        case, code = file_through_form(Client())
        unlock(client, case, code)
        refused = client.post(
            "/complaints/status/add/", {"body": "Here", "attachments": [upload(build(open_action_script, packed=True))]}
        )
        taken = client.post("/complaints/status/add/", {"body": "Here", "attachments": [upload(build())]})
    assert refused.status_code == 400
    assert "it is a PDF with parts that could run by themselves" in refused.content.decode()
    assert taken.status_code == 302
    assert ComplaintAttachment.objects.filter(complaint__case=case).count() == 1
