"""Labels that mean what they say (issue 16): leaving a lab's group is not ending a membership
of SOM; a PNG is not called a PDF."""

from django.urls import reverse

from som.labs.services import work
from som.labs.tests.labs_world import (  # noqa: F401 (fixtures)
    _in_english,
    _media,
    call,
    confirmed,
    members,
    network_day,
    pdf,
    png,
    proposal,
    running_lab,
    social_worker,
    submitted,
    welfare_org,
    written,
)


def test_the_lead_leaves_the_group_and_removes_others_from_it(client_of, running_lab, teacher):  # noqa: F811
    page = client_of(teacher).get(reverse("labs:group", args=[running_lab.slug])).content.decode()
    assert page.count("Leave the group") == 1  # the lead's own row
    assert "Remove from the group" in page and "Remove Wout Welzijn from the group" in page
    assert "End membership" not in page and "End the membership" not in page


def test_a_results_files_say_what_they_are(client, running_lab, teacher):  # noqa: F811
    result = work.save_result(
        lab=running_lab, data=work.ResultData(title="Nota", summary="Kort"), by=teacher
    )
    work.add_result_file(result=result, upload=png("schema.png"), by=teacher, caption="Schema")
    work.add_result_file(result=result, upload=pdf("nota.pdf"), by=teacher, caption="Nota")
    work.publish_result(result=result, by=teacher)
    page = client.get(
        reverse("labs:result", kwargs={"slug": running_lab.slug, "pk": result.pk})
    ).content.decode()
    assert 'Schema</a> <span class="muted">(PNG, ' in page
    assert 'Nota</a> <span class="muted">(PDF, ' in page
