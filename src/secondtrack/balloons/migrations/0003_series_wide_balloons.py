import django.db.models.deletion
from django.db import migrations, models


def series_from_meeting(apps, schema_editor):
    Balloon = apps.get_model("balloons", "Balloon")
    for balloon in Balloon.objects.select_related("meeting"):
        balloon.series_id = balloon.meeting.series_id
        balloon.save(update_fields=["series"])


class Migration(migrations.Migration):
    dependencies = [
        ("balloons", "0002_balloon_closed_on"),
        ("dialogues", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="balloon",
            name="series",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="balloons",
                to="dialogues.series",
            ),
        ),
        migrations.RunPython(series_from_meeting, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="balloon",
            name="series",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="balloons",
                to="dialogues.series",
            ),
        ),
        migrations.AlterField(
            model_name="balloon",
            name="meeting",
            field=models.ForeignKey(
                blank=True,
                help_text="Empty for a balloon floated across the series.",
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="balloons",
                to="dialogues.meeting",
            ),
        ),
    ]
