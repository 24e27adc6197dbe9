import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models

import alerts.models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("complaints", "0011_outboxmessage_headers"),
        ("publications", "0006_withdrawn_and_staff_words"),
        ("services_registry", "0007_name_words_index"),
    ]

    operations = [
        migrations.CreateModel(
            name="Announcement",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("publication_change", "Major change to a publication"),
                            ("inspection_report", "New inspection report"),
                            ("grades", "New grades"),
                            ("registration", "Change of registration status"),
                        ],
                        max_length=20,
                    ),
                ),
                ("source_id", models.BigIntegerField(blank=True, null=True)),
                ("subject", models.CharField(max_length=200)),
                ("title", models.CharField(max_length=300)),
                ("text", models.TextField()),
                (
                    "path",
                    models.CharField(
                        help_text="The page on this site that shows the change.", max_length=500
                    ),
                ),
                (
                    "first_run",
                    models.BooleanField(
                        default=False,
                        help_text="Already on the site when alerts began: recorded so that it is never emailed.",
                    ),
                ),
                ("created_at", models.DateTimeField(db_index=True, default=django.utils.timezone.now)),
            ],
            options={
                "verbose_name": "alert sent",
                "verbose_name_plural": "alerts sent",
                "ordering": ["-created_at", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="StartingPoint",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("began_at", models.DateTimeField(default=django.utils.timezone.now)),
                ("last_report_id", models.BigIntegerField(default=0)),
                ("last_grading_id", models.BigIntegerField(default=0)),
            ],
        ),
        migrations.CreateModel(
            name="Subscriber",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("email", models.EmailField(max_length=254, unique=True, verbose_name="email address")),
                (
                    "token",
                    models.CharField(
                        default=alerts.models.new_token, editable=False, max_length=64, unique=True
                    ),
                ),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
            ],
            options={
                "verbose_name": "subscriber (email address)",
                "verbose_name_plural": "subscribers (email addresses)",
                "ordering": ["email"],
            },
        ),
        migrations.CreateModel(
            name="SeenStatus",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("status", models.CharField(max_length=12)),
                ("seen_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "service",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="services_registry.careservice",
                    ),
                ),
            ],
            options={
                "verbose_name_plural": "seen statuses",
            },
        ),
        migrations.CreateModel(
            name="Topic",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("publications", "Every publication"),
                            ("category", "A category of publications"),
                            ("service", "A care service"),
                        ],
                        max_length=20,
                    ),
                ),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "category",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="publications.category",
                    ),
                ),
                (
                    "service",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="services_registry.careservice",
                    ),
                ),
            ],
            options={
                "verbose_name": "topic (subscribers per topic)",
                "verbose_name_plural": "subscribers per topic",
            },
        ),
        migrations.CreateModel(
            name="Subscription",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "frequency",
                    models.CharField(
                        choices=[
                            ("immediately", "Straight away: an email for each change"),
                            ("daily", "Once a day: one email listing the day's changes"),
                            ("weekly", "Once a week: one email listing the week's changes"),
                        ],
                        default="immediately",
                        max_length=12,
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now,
                        help_text="When it was asked for (again, if the link was sent again).",
                    ),
                ),
                ("confirmed_at", models.DateTimeField(blank=True, null=True)),
                ("digested_until", models.DateTimeField(blank=True, editable=False, null=True)),
                (
                    "subscriber",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="subscriptions",
                        to="alerts.subscriber",
                    ),
                ),
                (
                    "topic",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="subscriptions",
                        to="alerts.topic",
                    ),
                ),
            ],
            options={
                "ordering": ["created_at", "pk"],
            },
        ),
        migrations.CreateModel(
            name="AnnouncementTopic",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "announcement",
                    models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to="alerts.announcement"),
                ),
                ("topic", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to="alerts.topic")),
            ],
        ),
        migrations.AddField(
            model_name="announcement",
            name="topics",
            field=models.ManyToManyField(
                related_name="announcements", through="alerts.AnnouncementTopic", to="alerts.topic"
            ),
        ),
        migrations.CreateModel(
            name="AlertEmail",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("confirmation", "Confirm a subscription"),
                            ("already_subscribed", "Already subscribed"),
                            ("change", "A change, straight away"),
                            ("digest", "Daily or weekly summary"),
                        ],
                        max_length=20,
                    ),
                ),
                (
                    "frequency",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("immediately", "Straight away: an email for each change"),
                            ("daily", "Once a day: one email listing the day's changes"),
                            ("weekly", "Once a week: one email listing the week's changes"),
                        ],
                        max_length=12,
                    ),
                ),
                ("period", models.CharField(blank=True, max_length=10)),
                ("created_at", models.DateTimeField(db_index=True, default=django.utils.timezone.now)),
                (
                    "outbox",
                    models.OneToOneField(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="complaints.outboxmessage",
                    ),
                ),
                (
                    "announcement",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="emails",
                        to="alerts.announcement",
                    ),
                ),
                (
                    "subscriber",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="emails",
                        to="alerts.subscriber",
                    ),
                ),
            ],
            options={
                "ordering": ["-created_at", "-pk"],
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("kind", "change")),
                        fields=("subscriber", "announcement"),
                        name="alerts_one_email_per_change",
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(("kind", "digest")),
                        fields=("subscriber", "frequency", "period"),
                        name="alerts_one_summary_per_period",
                    ),
                ],
            },
        ),
        migrations.AddConstraint(
            model_name="topic",
            constraint=models.UniqueConstraint(
                condition=models.Q(("kind", "publications")),
                fields=("kind",),
                name="alerts_one_publications_topic",
            ),
        ),
        migrations.AddConstraint(
            model_name="topic",
            constraint=models.UniqueConstraint(fields=("category",), name="alerts_one_topic_per_category"),
        ),
        migrations.AddConstraint(
            model_name="topic",
            constraint=models.UniqueConstraint(fields=("service",), name="alerts_one_topic_per_service"),
        ),
        migrations.AddConstraint(
            model_name="topic",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("category__isnull", True), ("kind", "publications"), ("service__isnull", True)),
                    models.Q(("kind", "category"), ("service__isnull", True)),
                    models.Q(("category__isnull", True), ("kind", "service")),
                    _connector="OR",
                ),
                name="alerts_topic_names_one_thing",
            ),
        ),
        migrations.AddIndex(
            model_name="subscription",
            index=models.Index(fields=["topic", "frequency"], name="alerts_topic_frequency_idx"),
        ),
        migrations.AddIndex(
            model_name="subscription",
            index=models.Index(
                condition=models.Q(("confirmed_at__isnull", True)),
                fields=["created_at"],
                name="alerts_unconfirmed_idx",
            ),
        ),
        migrations.AddConstraint(
            model_name="subscription",
            constraint=models.UniqueConstraint(
                fields=("subscriber", "topic"), name="alerts_one_subscription_per_topic"
            ),
        ),
        migrations.AddConstraint(
            model_name="announcementtopic",
            constraint=models.UniqueConstraint(
                fields=("announcement", "topic"), name="alerts_announcement_topic_once"
            ),
        ),
        migrations.AddConstraint(
            model_name="announcement",
            constraint=models.UniqueConstraint(
                condition=models.Q(("source_id__isnull", False)),
                fields=("kind", "source_id"),
                name="alerts_announce_each_change_once",
            ),
        ),
    ]
