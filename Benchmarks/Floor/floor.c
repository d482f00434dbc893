/* The floor of a deterministic Groundwork run (issue 13): the least work any program must do
 * to turn the portfolio into a forecast.csv of the same shape. It reads the portfolio CSV,
 * sums its six count columns per county and writes one row per county x year x item
 * (`scenario,county,year,item,payer,amount`, amounts in cents with two decimals) into
 * DIR/forecast.csv. No scenario, no plan, no checks, no hashing, no other file.
 *
 *   cc -O2 -o floor floor.c
 *   ./floor PORTFOLIO.csv DIR [START END]      (horizon 2014-2043 by default)
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { COLUMNS = 6, ITEMS = 6 };

struct county {
    const char *name;
    size_t length;
    int64_t sums[COLUMNS]; /* villages, venues_needed, secretaries, directors, others, population */
};

static const char *items[ITEMS] = {
    "venue_construction", "venue_upkeep", "operating_funds",
    "cadre_pay_basic", "cadre_pay_performance", "pension_topup",
};

static void fail(const char *what) {
    perror(what);
    exit(1);
}

static char *put_cents(char *out, int64_t cents) {
    char digits[24];
    int count = 0;
    uint64_t magnitude = cents < 0 ? (uint64_t)0 - (uint64_t)cents : (uint64_t)cents;
    if (cents < 0) *out++ = '-';
    uint64_t units = magnitude / 100;
    do {
        digits[count++] = (char)('0' + units % 10);
        units /= 10;
    } while (units > 0);
    while (count > 0) *out++ = digits[--count];
    *out++ = '.';
    *out++ = (char)('0' + magnitude % 100 / 10);
    *out++ = (char)('0' + magnitude % 10);
    return out;
}

int main(int argc, char **argv) {
    if (argc != 3 && argc != 5) {
        fprintf(stderr, "usage: %s PORTFOLIO.csv DIR [START END]\n", argv[0]);
        return 2;
    }
    int start = argc == 5 ? atoi(argv[3]) : 2014, end = argc == 5 ? atoi(argv[4]) : 2043;
    int years = end - start + 1;

    int input = open(argv[1], O_RDONLY);
    if (input < 0) fail(argv[1]);
    struct stat status;
    if (fstat(input, &status) < 0) fail("fstat");
    size_t size = (size_t)status.st_size;
    char *text = malloc(size + 1);
    size_t have = 0;
    while (have < size) {
        ssize_t got = read(input, text + have, size - have);
        if (got <= 0) fail("read");
        have += (size_t)got;
    }
    text[size] = '\n';
    close(input);

    /* county,group,villages,venues_needed,secretaries,directors,others,population */
    size_t capacity = 1024, counties = 0;
    struct county *county = calloc(capacity, sizeof *county);
    const char *cursor = memchr(text, '\n', size) + 1, *stop = text + size;
    while (cursor < stop) {
        const char *name = cursor;
        while (*cursor != ',') cursor++;
        size_t length = (size_t)(cursor - name);
        cursor++;
        while (*cursor != ',') cursor++; /* group */
        cursor++;
        if (counties == 0 || county[counties - 1].length != length
            || memcmp(county[counties - 1].name, name, length) != 0) {
            if (counties == capacity) {
                county = realloc(county, 2 * capacity * sizeof *county);
                memset(county + capacity, 0, capacity * sizeof *county);
                capacity *= 2;
            }
            county[counties].name = name;
            county[counties].length = length;
            counties++;
        }
        for (int column = 0; column < COLUMNS; column++) {
            int64_t value = 0;
            while (*cursor >= '0' && *cursor <= '9') value = value * 10 + (*cursor++ - '0');
            county[counties - 1].sums[column] += value;
            cursor++; /* ',' or '\n' */
        }
        if (cursor[-1] == '\r') cursor++;
    }

    /* Amounts of the right size: a county's counts times a rate per item, growing by year. */
    static const char scenario[] = "generated";
    size_t bound = 64 + counties * (size_t)years * ITEMS * 96;
    char *out = malloc(bound), *write_at = out;
    write_at += sprintf(write_at, "scenario,county,year,item,payer,amount\n");
    for (size_t c = 0; c < counties; c++) {
        const int64_t *sums = county[c].sums;
        for (int year = 0; year < years; year++) {
            for (int item = 0; item < ITEMS; item++) {
                int64_t cents = (sums[item] * 100000 + sums[5] * (item + 1)) * (100 + year) / 100;
                memcpy(write_at, scenario, sizeof scenario - 1);
                write_at += sizeof scenario - 1;
                *write_at++ = ',';
                memcpy(write_at, county[c].name, county[c].length);
                write_at += county[c].length;
                *write_at++ = ',';
                write_at += sprintf(write_at, "%d,%s,city,", start + year, items[item]);
                write_at = put_cents(write_at, cents);
                *write_at++ = '\n';
            }
        }
    }

    mkdir(argv[2], 0755);
    char path[4096];
    snprintf(path, sizeof path, "%s/forecast.csv", argv[2]);
    int output = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (output < 0) fail(path);
    for (const char *from = out; from < write_at;) {
        ssize_t wrote = write(output, from, (size_t)(write_at - from));
        if (wrote <= 0) fail("write");
        from += wrote;
    }
    close(output);
    printf("wrote %s: %zu rows, %zu bytes, %zu counties\n", path, counties * (size_t)years * ITEMS,
           (size_t)(write_at - out), counties);
    return 0;
}
