"""Reference models: a lab-like row for the list and detail pages, and a bare vote.

The managers are spelled out because mypy reads config.settings, where this app is not installed.
"""

from django.db import models


class BenchLab(models.Model):
    objects: "models.Manager[BenchLab]" = models.Manager()
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    summary = models.CharField(max_length=300)
    starts_on = models.DateField()

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class BenchPoll(models.Model):
    objects: "models.Manager[BenchPoll]" = models.Manager()
    question = models.CharField(max_length=200)

    def __str__(self) -> str:
        return self.question


class BenchVote(models.Model):
    objects: "models.Manager[BenchVote]" = models.Manager()
    poll = models.ForeignKey(BenchPoll, on_delete=models.CASCADE, related_name="votes")
    voter = models.BigIntegerField()
    choice = models.CharField(max_length=20)
    cast_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["poll", "voter"], name="bench_one_vote_per_voter")
        ]

    def __str__(self) -> str:
        return f"{self.voter}: {self.choice}"
