"""Photos of stations and deputies: what the upload check refuses, what is stored (a small JPEG
without metadata), who may change them, and when the public pages serve them."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import ExifTags, Image

from deputies import photos, services
from deputies.models import Deputy, Station

from .factories import DeputyFactory, StationFactory


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _image(fmt="JPEG", size=(1200, 900), *, gps=False, orientation=None, mode="RGB") -> bytes:
    image = Image.new(mode, size, "white" if mode != "RGBA" else (0, 0, 0, 0))
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Phone"
    if gps:
        exif[ExifTags.Base.GPSInfo] = {
            ExifTags.GPS.GPSLatitudeRef: "N",
            ExifTags.GPS.GPSLatitude: (28.0, 27.0, 0.0),
            ExifTags.GPS.GPSLongitudeRef: "E",
            ExifTags.GPS.GPSLongitude: (110.0, 23.0, 0.0),
        }
    if orientation:
        exif[ExifTags.Base.Orientation] = orientation
    out = io.BytesIO()
    image.save(out, format=fmt, exif=exif.tobytes())
    return out.getvalue()


def _upload(data: bytes, name="photo.jpg", content_type="image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def _stored(record) -> Image.Image:
    with default_storage.open(record.photo.name, "rb") as f:
        image = Image.open(io.BytesIO(f.read()))
        image.load()
    return image


# --- the check and the redrawing ----------------------------------------------------------------


def test_photo_is_shrunk_turned_upright_and_stripped_of_exif(world, staff_a):
    station = StationFactory(county=world.county_a)
    original = _image(size=(1600, 1200), gps=True, orientation=6)
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(ExifTags.IFD.GPSInfo)
    upload = _upload(original)
    services.station_photo_set(station=station, upload=upload, size=upload.size, by=staff_a)
    station.refresh_from_db()
    assert station.photo.name.startswith("deputies/photos/") and station.photo.name.endswith(".jpg")
    stored = _stored(station)
    assert stored.format == "JPEG"
    # Orientation 6 is a phone held upright: the stored picture is portrait, 800 px at most.
    assert stored.size == (600, 800)
    assert not stored.getexif() and "exif" not in stored.info and "icc_profile" not in stored.info
    with default_storage.open(station.photo.name, "rb") as f:
        assert b"Exif" not in f.read()


@pytest.mark.parametrize(
    ("fmt", "mode"), [("PNG", "RGBA"), ("WEBP", "RGB"), ("JPEG", "L"), ("PNG", "P")]
)
def test_png_webp_and_grey_images_become_jpeg(world, staff_a, fmt, mode):
    station = StationFactory(county=world.county_a)
    upload = _upload(_image(fmt, (300, 200), mode=mode), name=f"x.{fmt.lower()}")
    services.station_photo_set(station=station, upload=upload, size=upload.size, by=staff_a)
    stored = _stored(station)
    assert (stored.format, stored.mode, stored.size) == ("JPEG", "RGB", (300, 200))


def _gif() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (10, 10)).save(out, format="GIF")
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<?php system($_GET['c']); ?>", "无法识别"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "无法识别"),
        (_image()[:300], "无法识别"),  # a broken (cut off) JPEG
        (_gif(), "无法识别"),  # an image, but not of the formats allowed
        (b"", "无法识别"),
    ],
)
def test_hostile_or_broken_files_are_refused_and_nothing_is_saved(world, staff_a, data, message):
    station = StationFactory(county=world.county_a)
    upload = _upload(data)
    with pytest.raises(ValidationError) as refused:
        services.station_photo_set(station=station, upload=upload, size=upload.size, by=staff_a)
    assert message in str(refused.value.message_dict["photo"])
    station.refresh_from_db()
    assert not station.photo


def test_oversized_file_is_refused_before_it_is_read(world, staff_a):
    deputy = DeputyFactory(county=world.county_a)
    upload = _upload(b"\xff\xd8" + b"0" * photos.MAX_BYTES)
    with pytest.raises(ValidationError, match="5 MB"):
        services.deputy_photo_set(
            deputy=deputy, public=True, upload=upload, size=upload.size, by=staff_a
        )
    deputy.refresh_from_db()
    assert not deputy.photo and not deputy.photo_public


def test_a_decompression_bomb_is_refused_from_its_header(world, staff_a):
    # 25 megapixels of one colour: a few kilobytes on disk, 75 MB once unpacked.
    out = io.BytesIO()
    Image.new("1", (5000, 5000)).save(out, format="PNG")
    assert len(out.getvalue()) < 100_000
    station = StationFactory(county=world.county_a)
    upload = _upload(out.getvalue(), name="bomb.png")
    with pytest.raises(ValidationError, match="2000万像素"):
        services.station_photo_set(station=station, upload=upload, size=upload.size, by=staff_a)
    station.refresh_from_db()
    assert not station.photo


def test_replacing_and_removing_delete_the_old_file_once_committed(
    world, staff_a, django_capture_on_commit_callbacks
):
    deputy = DeputyFactory(county=world.county_a)
    with django_capture_on_commit_callbacks(execute=True):
        upload = _upload(_image())
        services.deputy_photo_set(
            deputy=deputy, public=True, upload=upload, size=upload.size, by=staff_a
        )
    first = deputy.photo.name
    with django_capture_on_commit_callbacks(execute=True):
        upload = _upload(_image(size=(400, 400)))
        services.deputy_photo_set(
            deputy=deputy, public=True, upload=upload, size=upload.size, by=staff_a
        )
    assert deputy.photo.name != first and not default_storage.exists(first)
    second = deputy.photo.name
    with django_capture_on_commit_callbacks(execute=True):
        services.deputy_photo_remove(deputy=deputy, by=staff_a)
    deputy.refresh_from_db()
    assert not deputy.photo and not deputy.photo_public and not default_storage.exists(second)
    with pytest.raises(ValidationError):
        services.deputy_photo_remove(deputy=deputy, by=staff_a)


def test_publishing_needs_a_photo(world, staff_a):
    deputy = DeputyFactory(county=world.county_a)
    with pytest.raises(ValidationError) as refused:
        services.deputy_photo_set(deputy=deputy, public=True, by=staff_a)
    assert "photo_public" in refused.value.message_dict
    assert not Deputy.objects.get(pk=deputy.pk).photo_public


# --- the public images -----------------------------------------------------------------------------


@pytest.fixture
def pictured(world, staff_a):
    """An online station of county A with a photo, and its deputy with a published photo."""
    station = StationFactory(county=world.county_a, is_public=True)
    deputy = DeputyFactory(county=world.county_a, stations=[station])
    upload = _upload(_image())
    services.station_photo_set(station=station, upload=upload, size=upload.size, by=staff_a)
    upload = _upload(_image())
    services.deputy_photo_set(
        deputy=deputy, public=True, upload=upload, size=upload.size, by=staff_a
    )
    return station, deputy


def test_public_photos_are_served_with_cache_headers(client, pictured):
    station, deputy = pictured
    for url in [
        reverse("deputies:public_station_photo", args=[station.pk]),
        reverse("deputies:public_deputy_photo", args=[deputy.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "image/jpeg"
        assert response["Cache-Control"] == "public, max-age=600"
        body = b"".join(response.streaming_content)
        assert body.startswith(b"\xff\xd8")
        again = client.get(url, headers={"If-None-Match": response["ETag"]})
        assert again.status_code == 304
        assert client.head(url).status_code == 200
    page = client.get(reverse("deputies:public_station", args=[station.pk])).content.decode()
    assert reverse("deputies:public_deputy_photo", args=[deputy.pk]) in page
    assert reverse("deputies:public_station_photo", args=[station.pk]) in page
    assert f"{deputy.name}代表的照片" in page


def test_public_deputy_photo_is_404_unless_published_and_online(client, pictured, world):
    station, deputy = pictured
    url = reverse("deputies:public_deputy_photo", args=[deputy.pk])
    station_url = reverse("deputies:public_station_photo", args=[station.pk])
    page_url = reverse("deputies:public_station", args=[station.pk])
    Deputy.objects.filter(pk=deputy.pk).update(photo_public=False)
    assert client.get(url).status_code == 404
    assert url not in client.get(page_url).content.decode()
    Deputy.objects.filter(pk=deputy.pk).update(photo_public=True, is_active=False)
    assert client.get(url).status_code == 404
    Deputy.objects.filter(pk=deputy.pk).update(is_active=True)
    Station.objects.filter(pk=station.pk).update(is_public=False)
    assert client.get(url).status_code == 404
    assert client.get(station_url).status_code == 404
    # A station online without a photo, and a deputy without one.
    Station.objects.filter(pk=station.pk).update(is_public=True, photo="")
    Deputy.objects.filter(pk=deputy.pk).update(photo="")
    assert client.get(url).status_code == 404
    assert client.get(station_url).status_code == 404
    assert client.get(reverse("deputies:public_deputy_photo", args=[99999])).status_code == 404


def test_a_file_gone_from_storage_is_404(client, pictured):
    station, _deputy = pictured
    default_storage.delete(Station.objects.get(pk=station.pk).photo.name)
    assert (
        client.get(reverse("deputies:public_station_photo", args=[station.pk])).status_code == 404
    )


# --- the staff's pages -------------------------------------------------------------------------------


def test_staff_upload_publish_and_remove_on_the_pages(client_for, staff_a, world):
    station = StationFactory(county=world.county_a, is_public=True)
    deputy = DeputyFactory(county=world.county_a, stations=[station])
    client = client_for(staff_a)
    assert (
        'enctype="multipart/form-data"' in client.get(station.get_absolute_url()).content.decode()
    )
    response = client.post(
        reverse("deputies:station_photo", args=[station.pk]), {"photo": _upload(_image())}
    )
    assert response.status_code == 302
    response = client.post(
        reverse("deputies:deputy_photo", args=[deputy.pk]),
        {"photo": _upload(_image()), "photo_public": "on"},
    )
    assert response.status_code == 302
    deputy.refresh_from_db()
    assert deputy.photo and deputy.photo_public
    body = client.get(deputy.get_absolute_url()).content.decode()
    assert reverse("deputies:deputy_photo_image", args=[deputy.pk]) in body
    image = client.get(reverse("deputies:deputy_photo_image", args=[deputy.pk]))
    assert image.status_code == 200 and image["Cache-Control"] == "private, max-age=600"
    # Unpublish without a new file: the photo stays, only the flag changes.
    client.post(reverse("deputies:deputy_photo", args=[deputy.pk]), {})
    deputy.refresh_from_db()
    assert deputy.photo and not deputy.photo_public
    client.post(reverse("deputies:station_photo_remove", args=[station.pk]))
    station.refresh_from_db()
    assert not station.photo


def test_a_refused_upload_shows_the_reason_on_the_page(client_for, staff_a, world):
    deputy = DeputyFactory(county=world.county_a)
    response = client_for(staff_a).post(
        reverse("deputies:deputy_photo", args=[deputy.pk]),
        {"photo": _upload(b"not an image"), "photo_public": "on"},
    )
    assert response.status_code == 400
    assert "无法识别这张图片" in response.content.decode()
    # What the user chose is kept on the form.
    assert response.context["photo_form"]["photo_public"].value() is True
    deputy.refresh_from_db()
    assert not deputy.photo and not deputy.photo_public
    station = StationFactory(county=world.county_a)
    response = client_for(staff_a).post(reverse("deputies:station_photo", args=[station.pk]), {})
    assert response.status_code == 400


def _staff_urls(station, deputy):
    return {
        "station_photo": (station.pk, "post"),
        "station_photo_remove": (station.pk, "post"),
        "station_photo_image": (station.pk, "get"),
        "deputy_photo": (deputy.pk, "post"),
        "deputy_photo_remove": (deputy.pk, "post"),
        "deputy_photo_image": (deputy.pk, "get"),
    }


def test_outsider_gets_404_on_every_staff_photo_url(client_for, outsider, pictured):
    station, deputy = pictured
    client = client_for(outsider)
    for name, (pk, method) in _staff_urls(station, deputy).items():
        response = getattr(client, method)(reverse(f"deputies:{name}", args=[pk]))
        assert response.status_code == 404, name
    station.refresh_from_db()
    assert station.photo


@pytest.mark.parametrize("persona", ["deputy_a", "liaison_a"])
def test_deputies_and_liaisons_may_not_change_photos(request, client_for, pictured, persona):
    station, deputy = pictured
    client = client_for(request.getfixturevalue(persona))
    for name, (pk, method) in _staff_urls(station, deputy).items():
        if method == "post":
            response = client.post(reverse(f"deputies:{name}", args=[pk]))
            assert response.status_code == 403, name
    # A deputy sees only their own stations (this is not one), a liaison none; neither the roster.
    station_image = client.get(reverse("deputies:station_photo_image", args=[station.pk]))
    deputy_image = client.get(reverse("deputies:deputy_photo_image", args=[deputy.pk]))
    expected = 404 if persona == "deputy_a" else 403
    assert (station_image.status_code, deputy_image.status_code) == (expected, 403)


def test_a_deputy_sees_their_own_stations_photo(client_for, deputy_a, deputy_record_a, staff_a):
    station = deputy_record_a.stations.get()
    upload = _upload(_image())
    services.station_photo_set(station=station, upload=upload, size=upload.size, by=staff_a)
    client = client_for(deputy_a)
    assert (
        reverse("deputies:station_photo_image", args=[station.pk])
        in client.get(station.get_absolute_url()).content.decode()
    )
    assert client.get(reverse("deputies:station_photo_image", args=[station.pk])).status_code == 200


def test_anonymous_is_sent_to_login_from_staff_photo_urls(client, pictured):
    station, deputy = pictured
    for name, (pk, method) in _staff_urls(station, deputy).items():
        response = getattr(client, method)(reverse(f"deputies:{name}", args=[pk]))
        assert response.status_code == 302 and "login" in response["Location"], name


def test_municipal_admin_sees_the_photos(client_for, admin_user, pictured):
    station, deputy = pictured
    client = client_for(admin_user)
    assert client.get(reverse("deputies:station_photo_image", args=[station.pk])).status_code == 200
    assert client.get(reverse("deputies:deputy_photo_image", args=[deputy.pk])).status_code == 200
