from django.core.management.base import BaseCommand, CommandError

from core.layers import LAYERS, import_graph, violations


class Command(BaseCommand):
    help = (
        "Visar vilka appar som importerar vilka, lager för lager (--check: fel vid import uppåt)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check", action="store_true", help="Avsluta med fel om en app importerar uppåt."
        )

    def handle(self, *args, check=False, **options):
        graph = import_graph()
        for app in sorted(LAYERS, key=lambda name: (LAYERS[name], name)):
            targets = sorted(graph.get(app, {}), key=lambda name: (LAYERS[name], name))
            self.stdout.write(f"{LAYERS[app]} {app:<15} -> {', '.join(targets) or '–'}")
        problems = violations(graph)
        for problem in problems:
            self.stderr.write(problem)
        if check and problems:
            raise CommandError(f"{len(problems)} importer går uppåt eller åt sidan i lagren.")
