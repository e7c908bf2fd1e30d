"""An organisation's page in the directory lists its labs (members or co-authors from there),
and the sitemap lists the directory and the listed organisations' pages."""

from django.test import Client
from django.urls import reverse

from som.labs.tests.labs_world import (  # noqa: F401 (fixtures)
    _media,
    call,
    confirmed,
    members,
    network_day,
    proposal,
    running_lab,
    social_worker,
    submitted,
    welfare_org,
    written,
)
from som.network.tests.factories import make_organisation
from som.publishing import directory
from som.publishing.sitemaps import SITEMAPS
from som.publishing.tests.portrait_world import published_portrait
from som.publishing.tests.story_world import published_story

# ruff: noqa: F811


def test_a_lab_appears_on_the_pages_of_the_organisations_its_people_come_from(
    running_lab, school, other_school, welfare_org
):
    # The lab's lead teaches at De Linde; a co-author works at De Ring; both are members.
    assert list(directory.labs_of(school)) == [running_lab]
    assert list(directory.labs_of(other_school)) == [running_lab]
    assert list(directory.labs_of(make_organisation(name="Elders"))) == []
    content = Client().get(reverse("publishing:organisation", args=[school.slug])).content
    assert running_lab.title in content.decode()
    assert reverse("labs:lab", args=[running_lab.slug]) in content.decode()
    # The welfare organisation is no member and no partner: no page, whatever its labs.
    response = Client().get(reverse("publishing:organisation", args=[welfare_org.slug]))
    assert response.status_code == 404


def test_the_sitemap_lists_the_directory_and_the_listed_organisations(members, school, welfare_org):
    sitemap = SITEMAPS["directory"]()
    addresses = [sitemap.location(item) for item in sitemap.items()]
    assert reverse("publishing:directory") in addresses
    assert reverse("publishing:organisation", args=[school.slug]) in addresses
    assert not [address for address in addresses if welfare_org.slug in address]


def test_the_stories_and_portraits_about_an_organisation_are_on_its_page(members, school):
    story = published_story("Samen aan tafel in De Linde")
    story.organisations.set([school])
    story.save_revision().publish()
    published_story("Een verhaal over iets anders")
    portrait = published_portrait(organisation=school)
    content = Client().get(reverse("publishing:organisation", args=[school.slug])).content.decode()
    assert "Samen aan tafel in De Linde" in content
    assert "Een verhaal over iets anders" not in content
    assert portrait.person_name in content
    assert portrait.person_email not in content
