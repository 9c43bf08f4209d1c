from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies: list = []

    operations = [
        migrations.CreateModel(
            name="IndexTask",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("speech_id", models.BigIntegerField(db_index=True, verbose_name="讲话编号")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="登记时间")),
            ],
            options={
                "verbose_name": "待更新索引",
                "verbose_name_plural": "待更新索引",
                "ordering": ["pk"],
            },
        ),
    ]
