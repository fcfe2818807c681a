/* The floor: libcsv alone over the same bytes, on one core, with callbacks that only count.
 * Reads each file in 1 MiB chunks (slacheck reads 256 KiB; this loop runs as fast with either:
 * 0.848 / 0.865 s fastest of four on the 1M set). Prints bytes, fields, seconds, MB/s, records. */
#include <csv.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

struct counts { size_t fields, records, field_bytes; };

static void on_field(void *s, size_t n, void *d) { struct counts *c = d; c->fields++; c->field_bytes += n; (void)s; }
static void on_record(int ch, void *d) { struct counts *c = d; c->records++; (void)ch; }

int main(int argc, char **argv) {
    static unsigned char buf[1 << 20];
    struct counts c = {0, 0, 0};
    size_t total = 0;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (int i = 1; i < argc; i++) {
        struct csv_parser p;
        csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL);
        csv_set_blk_size(&p, 4096);
        int fd = open(argv[i], O_RDONLY);
        if (fd < 0) { perror(argv[i]); return 2; }
        ssize_t n;
        while ((n = read(fd, buf, sizeof buf)) > 0) {
            total += (size_t)n;
            if (csv_parse(&p, buf, (size_t)n, on_field, on_record, &c) != (size_t)n) {
                fprintf(stderr, "%s: %s\n", argv[i], csv_strerror(csv_error(&p)));
                return 3;
            }
        }
        csv_fini(&p, on_field, on_record, &c);
        csv_free(&p);
        close(fd);
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    /* bench/reader.sh reads the fourth word as the seconds. */
    printf("c-libcsv bytes=%zu fields=%zu seconds=%.3f MB/s=%.1f records=%zu\n", total, c.fields, secs,
           total / secs / 1e6, c.records);
    return 0;
}
