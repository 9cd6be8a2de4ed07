/* test_image.c: Check suite for read_image.c and the page-image API:
 * detection by content, header checks before decoding (empty, not an
 * image, truncated, huge), clean-up (deskew of a page turned 3 degrees,
 * upscaling of 150 dpi), recognition into lines with boxes and word
 * confidences, columns by geometry, and a run fed with pages; PNG and JPEG
 * decoded as leptonica reads them, transparency over white.  The pages
 * are tests/images (scripts/mkpages.sh); recognition needs tesseract's aze
 * data, without it those tests skip.  Needs nothing of ../shared. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "stages.h"

#include <leptonica/allheaders.h>

#define S_IMG(name) BERPA_SOURCE_DIR "/tests/images/" name

static bp_ocr *S_ocr;
static char S_tmp[64];

/* Characters (bytes) to turn a into b, over the longer length. */
static double S_dist(const char *a, const char *b)
{
    size_t n = strlen(a), m = strlen(b);
    size_t *prev = calloc(m + 1, sizeof *prev), *cur = calloc(m + 1, sizeof *cur);
    for (size_t j = 0; j <= m; j++)
        prev[j] = j;
    for (size_t i = 1; i <= n; i++) {
        cur[0] = i;
        for (size_t j = 1; j <= m; j++) {
            size_t s = prev[j - 1] + (a[i - 1] != b[j - 1]);
            size_t d = prev[j] + 1 < cur[j - 1] + 1 ? prev[j] + 1 : cur[j - 1] + 1;
            cur[j] = s < d ? s : d;
        }
        size_t *t = prev;
        prev = cur;
        cur = t;
    }
    double r = (double)prev[m] / (double)(n > m ? n : m);
    free(prev);
    free(cur);
    return r;
}

/* All the page's lines, joined by newlines (caller frees). */
static char *S_text(const bp_ocrpage *p)
{
    size_t n = 1;
    for (size_t i = 0; i < p->nlines; i++)
        n += p->lines[i].len + 1;
    char *s = calloc(1, n);
    for (size_t i = 0; i < p->nlines; i++) {
        strcat(s, p->lines[i].text);
        strcat(s, "\n");
    }
    return s;
}

static bp_ocrpage *S_page(const char *path)
{
    if (!S_ocr) {
        char err[256];
        S_ocr = bp_ocr_new("aze", BERPA_CLEAN_DEFAULT, err, sizeof err);
        ck_assert_msg(S_ocr != NULL, "%s", err);
    }
    bp_ocrpage *p = bp_ocr_page(S_ocr, path, 0, NULL);
    ck_assert_ptr_nonnull(p);
    return p;
}

static void S_write_file(const char *path, const void *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(data, 1, n, f), n);
    fclose(f);
}

START_TEST(detect_by_content)
{
    ck_assert_int_eq(bp_image_detect((const unsigned char *)"\x89PNG\r\n\x1a\n", 8), BP_IMAGE_PNG);
    ck_assert_int_eq(bp_image_detect((const unsigned char *)"II*\0", 4), BP_IMAGE_TIFF);
    ck_assert_int_eq(bp_image_detect((const unsigned char *)"MM\0*", 4), BP_IMAGE_TIFF);
    ck_assert_int_eq(bp_image_detect((const unsigned char *)"\xff\xd8\xff\xe0", 4), BP_IMAGE_JPEG);
    ck_assert_int_eq(bp_image_detect((const unsigned char *)"P4\n10 10\n", 9), BP_IMAGE_PNM);
    ck_assert_int_eq(bp_image_detect((const unsigned char *)"\0\0\0\x0cjP  \r\n\x87\n", 12),
                     BP_IMAGE_JP2);
    ck_assert_int_eq(bp_image_detect((const unsigned char *)"RIFF\0\0\0\0WEBPVP8 ", 16),
                     BP_IMAGE_WEBP);
    /* text is not an image, whatever it starts with */
    ck_assert_int_eq(bp_image_detect((const unsigned char *)"Pə", 3), BP_IMAGE_NONE);
    ck_assert_int_eq(bp_image_detect((const unsigned char *)"PNG file", 8), BP_IMAGE_NONE);
    /* a PNM header only where a width or a comment follows the magic */
    ck_assert_int_eq(bp_image_detect((const unsigned char *)"P6 # gimp\n", 10), BP_IMAGE_PNM);
    ck_assert_int_eq(bp_image_detect((const unsigned char *)"P1 sinfi şagird", 16),
                     BP_IMAGE_NONE);
    ck_assert_int_eq(bp_image_detect((const unsigned char *)"P4\nsinif\n", 9), BP_IMAGE_NONE);
    ck_assert_int_eq(bp_image_detect((const unsigned char *)"P2 12ci sinif", 13), BP_IMAGE_NONE);
    ck_assert_int_eq(bp_image_detect((const unsigned char *)"", 0), BP_IMAGE_NONE);
    ck_assert_int_eq(bp_image_probe(S_IMG("plain.png")), BP_IMAGE_PNG);
    ck_assert_int_eq(bp_image_probe(S_IMG("headed.tif")), BP_IMAGE_TIFF);
}
END_TEST

START_TEST(count_pages_and_refuse_bad_files)
{
    char err[256];
    uint32_t n = 0;
    ck_assert_int_eq(bp_image_count(S_IMG("headed.tif"), &n, err, sizeof err), BERPA_OK);
    ck_assert_uint_eq(n, 2);
    ck_assert_int_eq(bp_image_count(S_IMG("plain.png"), &n, err, sizeof err), BERPA_OK);
    ck_assert_uint_eq(n, 1);

    char path[128];
    snprintf(path, sizeof path, "%s/empty.png", S_tmp);
    S_write_file(path, "", 0);
    ck_assert_int_eq(bp_image_count(path, &n, err, sizeof err), BERPA_E_INPUT);
    ck_assert_ptr_nonnull(strstr(err, "empty"));
    snprintf(path, sizeof path, "%s/text.png", S_tmp);
    S_write_file(path, "Bu mətndir.\n", 13);
    ck_assert_int_eq(bp_image_count(path, &n, err, sizeof err), BERPA_E_INPUT);
    ck_assert_ptr_nonnull(strstr(err, "not a page image"));
    snprintf(path, sizeof path, "%s/absent.png", S_tmp);
    ck_assert_int_eq(bp_image_count(path, &n, err, sizeof err), BERPA_E_IO);
}
END_TEST

/* A page that cannot be read comes back failed, saying why, not NULL. */
START_TEST(damaged_pages_fail_with_a_reason)
{
    char path[128];
    /* truncated: the first 200 bytes of a PNG */
    FILE *f = fopen(S_IMG("plain.png"), "rb");
    ck_assert_ptr_nonnull(f);
    char head[200];
    ck_assert_uint_eq(fread(head, 1, sizeof head, f), sizeof head);
    fclose(f);
    snprintf(path, sizeof path, "%s/cut.png", S_tmp);
    S_write_file(path, head, sizeof head);
    bp_ocrpage *p = S_page(path);
    ck_assert_int_eq(p->status, BERPA_E_INPUT);
    ck_assert_ptr_nonnull(strstr(p->error, "PNG"));
    ck_assert_uint_eq(p->nlines, 0);
    bp_ocrpage_free(p);

    /* 30000 x 30000 in the header, no data: refused before decoding */
    snprintf(path, sizeof path, "%s/huge.pgm", S_tmp);
    S_write_file(path, "P5\n30000 30000\n255\n\0\0\0\0", 23);
    p = S_page(path);
    ck_assert_int_eq(p->status, BERPA_E_INPUT);
    ck_assert_ptr_nonnull(strstr(p->error, "30000x30000"));
    bp_ocrpage_free(p);

    /* page 3 of a two-page TIFF */
    p = bp_ocr_page(S_ocr, S_IMG("headed.tif"), 2, NULL);
    ck_assert_int_eq(p->status, BERPA_E_INPUT);
    bp_ocrpage_free(p);
}
END_TEST

/* A three-page TIFF cut inside its last page: libtiff sees two sound
 * pages, yet the third is there and fails with a reason, not missing. */
START_TEST(tiff_cut_at_a_later_page)
{
    char path[128], err[256];
    snprintf(path, sizeof path, "%s/three.tif", S_tmp);
    PIX *pg = pixRead(S_IMG("plain.png"));
    ck_assert_ptr_nonnull(pg);
    struct stat st2, st3;
    for (int i = 0; i < 3; i++) {
        ck_assert_int_eq(pixWriteTiff(path, pg, IFF_TIFF_ZIP, i ? "a" : "w"), 0);
        if (i == 1)
            ck_assert_int_eq(stat(path, &st2), 0);
    }
    pixDestroy(&pg);
    ck_assert_int_eq(stat(path, &st3), 0);
    uint32_t n = 0;
    ck_assert_int_eq(bp_image_count(path, &n, err, sizeof err), BERPA_OK);
    ck_assert_uint_eq(n, 3);
    /* page 3's data and directory follow page 2's: cut half way */
    ck_assert_int_eq(truncate(path, (st2.st_size + st3.st_size) / 2), 0);
    ck_assert_int_eq(bp_image_count(path, &n, err, sizeof err), BERPA_OK);
    ck_assert_uint_eq(n, 3);
    for (uint32_t i = 0; i < 3; i++) {
        if (!S_ocr)
            bp_ocrpage_free(S_page(S_IMG("plain.png")));
        bp_ocrpage *p = bp_ocr_page(S_ocr, path, i, NULL);
        ck_assert_ptr_nonnull(p);
        if (i < 2) {
            ck_assert_int_eq(p->status, BERPA_OK);
            ck_assert_uint_gt(p->nlines, 0);
        } else {
            ck_assert_int_eq(p->status, BERPA_E_INPUT);
            ck_assert_ptr_nonnull(strstr(p->error, "truncated TIFF"));
        }
        bp_ocrpage_free(p);
    }
}
END_TEST

/* PNG and JPEG are decoded by berpa (libpng, libjpeg with its own
 * handlers): the pixels and resolution leptonica reads, and a transparent
 * background laid over white, not black */
START_TEST(decoded_as_leptonica_reads)
{
    static const char *const files[] = { S_IMG("plain.png"), S_IMG("dpi150.png"),
                                         S_IMG("dpi150.jpg") };
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        PIX *a = pixRead(files[i]), *b = bp_image_pix(files[i], 0);
        ck_assert_ptr_nonnull(a);
        ck_assert_ptr_nonnull(b);
        l_int32 same = 0;
        ck_assert_int_eq(pixEqual(a, b, &same), 0);
        ck_assert_msg(same, "%s decodes differently", files[i]);
        ck_assert_int_eq(pixGetDepth(a), pixGetDepth(b));
        ck_assert_int_eq(pixGetXRes(a), pixGetXRes(b));
        ck_assert_int_eq(pixGetYRes(a), pixGetYRes(b));
        pixDestroy(&a);
        pixDestroy(&b);
    }
    /* black text on a transparent page whose colour is black */
    PIX *bw = pixRead(S_IMG("plain.png")), *g = pixConvertTo8(bw, 0), *inv = pixInvert(NULL, g);
    PIX *rgba = pixCreate(pixGetWidth(g), pixGetHeight(g), 32);
    ck_assert_int_eq(pixSetRGBComponent(rgba, inv, L_ALPHA_CHANNEL), 0);
    pixSetSpp(rgba, 4);
    pixSetResolution(rgba, 300, 300);
    char path[128];
    snprintf(path, sizeof path, "%s/alpha.png", S_tmp);
    ck_assert_int_eq(pixWrite(path, rgba, IFF_PNG), 0);
    bp_ocrpage *p = S_page(path);
    ck_assert_int_eq(p->status, BERPA_OK);
    char *t = S_text(p);
    ck_assert_msg(strstr(t, "oğuz qrupuna") != NULL, "read: %s", t);
    free(t);
    bp_ocrpage_free(p);
    pixDestroy(&rgba);
    pixDestroy(&inv);
    pixDestroy(&g);
    pixDestroy(&bw);
}
END_TEST

START_TEST(lines_words_boxes_confidences)
{
    bp_ocrpage *p = S_page(S_IMG("plain.png"));
    ck_assert_int_eq(p->status, BERPA_OK);
    ck_assert_uint_ge(p->nlines, 3);
    ck_assert_int_eq(p->info.dpi, 300);
    ck_assert(!p->info.dpi_guessed);
    char *t = S_text(p);
    ck_assert_msg(strstr(t, "Azərbaycan dili türk"), "text: %s", t);
    ck_assert(p->lines[0].para_start);
    int32_t prev_y = -1;
    for (size_t i = 0; i < p->nlines; i++) {
        const bp_ocrline *l = &p->lines[i];
        ck_assert_int_lt(l->box[0], l->box[2]);
        ck_assert_int_lt(l->box[1], l->box[3]);
        ck_assert_int_le(l->box[2], p->info.width);
        ck_assert_int_le(l->box[3], p->info.height);
        ck_assert_int_gt(l->box[1], prev_y); /* top to bottom */
        prev_y = l->box[1];
        ck_assert_uint_gt(l->nwords, 0);
        for (uint32_t k = 0; k < l->nwords; k++) {
            const bp_word *w = &l->words[k];
            ck_assert_uint_le(w->at + w->len, l->len);
            ck_assert(w->conf >= 0 && w->conf <= 1);
            /* a word's box lies inside its line's */
            ck_assert_int_ge(w->x0, l->box[0] - 2);
            ck_assert_int_le(w->x1, l->box[2] + 2);
        }
    }
    ck_assert(p->info.mean_conf > 0.8f);
    free(t);
    bp_ocrpage_free(p);
}
END_TEST

/* A page scanned at a third of its resolution and read without
 * clean-up: tesseract is unsure of some characters and offers other
 * readings, which the words keep (in order, inside the word, different
 * from the character read, confidences in range and best first). */
START_TEST(words_keep_alternatives)
{
    PIX *pix = pixRead(S_IMG("plain.png"));
    ck_assert_ptr_nonnull(pix);
    PIX *g = pixConvertTo8(pix, 0), *small = pixScaleAreaMap(g, 0.33f, 0.33f);
    pixSetResolution(small, 100, 100);
    char path[128];
    snprintf(path, sizeof path, "%s/low.png", S_tmp);
    ck_assert_int_eq(pixWrite(path, small, IFF_PNG), 0);
    pixDestroy(&pix);
    pixDestroy(&g);
    pixDestroy(&small);
    char err[256];
    bp_ocr *o = bp_ocr_new("aze", 0, err, sizeof err);
    ck_assert_msg(o != NULL, "%s", err);
    bp_ocrpage *p = bp_ocr_page(o, path, 0, NULL);
    ck_assert_ptr_nonnull(p);
    ck_assert_int_eq(p->status, BERPA_OK);
    uint32_t nalts = 0, low = 0;
    for (size_t i = 0; i < p->nlines; i++)
        for (uint32_t k = 0; k < p->lines[i].nwords; k++) {
            const bp_word *w = &p->lines[i].words[k];
            const char *wt = p->lines[i].text + w->at;
            low += w->conf < BP_LOW_CONF;
            for (uint32_t j = 0; j < w->nalts; j++) {
                const bp_charalt *a = &w->alts[j];
                ck_assert_uint_le((uint32_t)a->at + a->len, w->len);
                ck_assert(j == 0 || a->at > w->alts[j - 1].at);
                ck_assert(a->n >= 1 && a->n <= BP_ALTS);
                ck_assert(a->conf >= 0 && a->conf <= 1);
                for (int c = 0; c < a->n; c++) {
                    ck_assert_uint_gt(strlen(a->alt[c]), 0);
                    ck_assert(strlen(a->alt[c]) != a->len ||
                              memcmp(a->alt[c], wt + a->at, a->len) != 0);
                    ck_assert(a->alt_conf[c] >= BP_ALT_MIN && a->alt_conf[c] <= 1);
                    ck_assert(c == 0 || a->alt_conf[c] <= a->alt_conf[c - 1]);
                }
            }
            nalts += w->nalts;
        }
    ck_assert_uint_eq(nalts, p->info.nalts);
    ck_assert_uint_eq(low, p->info.low_conf);
    ck_assert_msg(nalts >= 3, "only %u characters with alternatives", nalts);
    bp_ocrpage_free(p);
    bp_ocr_free(o);
    unlink(path);
}
END_TEST

/* Turned by 3 degrees: deskewed, and read as the straight page is. */
START_TEST(rotated_page_is_deskewed)
{
    bp_ocrpage *a = S_page(S_IMG("plain.png"));
    bp_ocrpage *b = S_page(S_IMG("rotated3.png"));
    ck_assert_int_eq(b->status, BERPA_OK);
    ck_assert(b->info.steps & BP_IMG_DESKEW);
    ck_assert_msg(fabsf(b->info.skew) > 2.5f && fabsf(b->info.skew) < 3.5f, "skew %f",
                  b->info.skew);
    char *ta = S_text(a), *tb = S_text(b);
    ck_assert_msg(S_dist(ta, tb) < 0.03, "straight:\n%s\nturned:\n%s", ta, tb);
    /* the boxes are in the turned image's pixels: the first line's top
     * is near the straight one's (3 degrees over half the width) */
    ck_assert_int_lt(abs(b->lines[0].box[1] - a->lines[0].box[1]), 60);
    free(ta);
    free(tb);
    bp_ocrpage_free(a);
    bp_ocrpage_free(b);
}
END_TEST

/* 150 dpi is upscaled to 300; boxes stay in the file's pixels. */
START_TEST(low_resolution_is_upscaled)
{
    bp_ocrpage *a = S_page(S_IMG("plain.png"));
    bp_ocrpage *b = S_page(S_IMG("dpi150.png"));
    ck_assert_int_eq(b->status, BERPA_OK);
    ck_assert(b->info.steps & BP_IMG_DPI);
    ck_assert_int_eq(b->info.dpi, 300);
    char *ta = S_text(a), *tb = S_text(b);
    ck_assert_msg(S_dist(ta, tb) < 0.03, "300 dpi:\n%s\n150 dpi:\n%s", ta, tb);
    ck_assert_int_le(b->lines[0].box[2], b->info.width);
    ck_assert_int_lt(abs(2 * b->lines[0].box[0] - a->lines[0].box[0]), 10);
    free(ta);
    free(tb);
    bp_ocrpage_free(a);
    bp_ocrpage_free(b);
}
END_TEST

/* plain.png in grey scaled by fx, fy, declaring xres x yres (0: none,
 * written as a PGM), into S_tmp/name; returns the path (static). */
static const char *S_variant(const char *name, float fx, float fy, int xres, int yres)
{
    static char path[128];
    snprintf(path, sizeof path, "%s/%s", S_tmp, name);
    PIX *in = pixRead(S_IMG("plain.png"));
    PIX *g = in ? pixConvertTo8(in, 0) : NULL;
    PIX *s = g ? pixScale(g, fx, fy) : NULL;
    ck_assert_ptr_nonnull(s);
    pixSetResolution(s, xres, yres);
    ck_assert_int_eq(pixWrite(path, s, xres ? IFF_PNG : IFF_PNM), 0);
    pixDestroy(&in);
    pixDestroy(&g);
    pixDestroy(&s);
    return path;
}

/* The resolution, per axis: a scan of 300 x 100 dpi (squashed to a third
 * high) is stretched to square pixels and reads as the 300 dpi page, its
 * boxes in its own pixels; 600 dpi is scaled down, and the step says so;
 * a file without a resolution has it guessed from the text height, or,
 * with too little text, says that tesseract's fallback was used. */
START_TEST(resolution_per_axis_and_source)
{
    bp_ocrpage *a = S_page(S_IMG("plain.png"));
    ck_assert_int_eq(a->info.dpi_from, BP_DPI_FILE);
    ck_assert(!a->info.dpi_guessed);
    ck_assert_int_eq(a->info.dpi_file_x, 300);
    ck_assert_int_eq(a->info.dpi_file_y, 300);
    char *ta = S_text(a);

    bp_ocrpage *b = S_page(S_variant("aniso.png", 1.0f, 1.0f / 3, 300, 100));
    ck_assert_int_eq(b->status, BERPA_OK);
    ck_assert_int_eq(b->info.dpi_from, BP_DPI_FILE);
    ck_assert_int_eq(b->info.dpi_file_x, 300);
    ck_assert_int_eq(b->info.dpi_file_y, 100);
    ck_assert_int_eq(b->info.dpi, 300);
    ck_assert_float_eq_tol(b->info.scale_x, 1.0f, 1e-4f);
    ck_assert_float_eq_tol(b->info.scale_y, 3.0f, 1e-4f);
    ck_assert(b->info.steps & BP_IMG_DPI);
    ck_assert(!(b->info.steps & BP_IMG_DOWN));
    char *tb = S_text(b);
    ck_assert_msg(S_dist(ta, tb) < 0.03, "300 dpi:\n%s\n300 x 100 dpi:\n%s", ta, tb);
    ck_assert_int_le(b->lines[0].box[3], b->info.height);
    ck_assert_int_lt(abs(3 * b->lines[0].box[1] - a->lines[0].box[1]), 12);
    ck_assert_int_lt(abs(b->lines[0].box[0] - a->lines[0].box[0]), 6);

    bp_ocrpage *c = S_page(S_variant("p600.png", 2.0f, 2.0f, 600, 600));
    ck_assert_int_eq(c->status, BERPA_OK);
    ck_assert_int_eq(c->info.dpi, 300);
    ck_assert_float_eq_tol(c->info.scale_x, 0.5f, 1e-4f);
    ck_assert(c->info.steps & BP_IMG_DOWN);
    ck_assert(!(c->info.steps & BP_IMG_DPI));
    char steps[64];
    bp_image_steps_str(c->info.steps, steps, sizeof steps);
    ck_assert_ptr_nonnull(strstr(steps, "downscale"));
    ck_assert_ptr_null(strstr(steps, "upscale"));
    char *tc = S_text(c);
    ck_assert_msg(S_dist(ta, tc) < 0.03, "300 dpi:\n%s\n600 dpi:\n%s", ta, tc);
    ck_assert_int_lt(abs(c->lines[0].box[0] - 2 * a->lines[0].box[0]), 12);

    /* a PGM has no resolution: guessed from the page's text */
    bp_ocrpage *d = S_page(S_variant("nodpi.pgm", 1.0f, 1.0f, 0, 0));
    ck_assert_int_eq(d->info.dpi_from, BP_DPI_TEXT);
    ck_assert(d->info.dpi_guessed);
    ck_assert_int_eq(d->info.dpi_file_x, 0);
    ck_assert_int_gt(d->info.dpi, 0);
    /* a few words: too few to guess from, tesseract's fallback said so */
    char few[128];
    snprintf(few, sizeof few, "%s/few.pgm", S_tmp);
    PIX *pg = pixRead(S_variant("nodpi.pgm", 1.0f, 1.0f, 0, 0));
    BOX *box = boxCreate(0, 0, 700, 120);
    PIX *cut = pg && box ? pixClipRectangle(pg, box, NULL) : NULL;
    ck_assert_ptr_nonnull(cut);
    ck_assert_int_eq(pixWrite(few, cut, IFF_PNM), 0);
    pixDestroy(&pg);
    pixDestroy(&cut);
    boxDestroy(&box);
    bp_ocrpage *e = S_page(few);
    ck_assert_int_gt(e->nlines, 0);
    ck_assert_int_eq(e->info.dpi_from, BP_DPI_TESSERACT);
    ck_assert(e->info.dpi_guessed);
    ck_assert_int_gt(e->info.dpi, 0);
    free(ta);
    free(tb);
    free(tc);
    bp_ocrpage_free(a);
    bp_ocrpage_free(b);
    bp_ocrpage_free(c);
    bp_ocrpage_free(d);
    bp_ocrpage_free(e);
}
END_TEST

/* A grey page stays grey for tesseract (it thresholds better itself);
 * specks found on the binary copy are whitened in it; binarising is
 * opt-in.  The page: plain.png in grey with 2 x 2 dots in its margin. */
START_TEST(grey_page_stays_grey_specks_go)
{
    char path[128];
    snprintf(path, sizeof path, "%s/grey.png", S_tmp);
    PIX *in = pixRead(S_IMG("plain.png"));
    PIX *g = in ? pixConvertTo8(in, 0) : NULL;
    pixDestroy(&in);
    ck_assert_ptr_nonnull(g);
    /* black (0) dots, in the top margin */
    for (int k = 0; k < 12; k++)
        pixRasterop(g, 8 + 40 * k, 8, 2, 2, PIX_CLR, NULL, 0, 0);
    pixSetResolution(g, 300, 300);
    ck_assert_int_eq(pixWrite(path, g, IFF_PNG), 0);
    pixDestroy(&g);
    bp_ocrpage *a = S_page(S_IMG("plain.png"));
    bp_ocrpage *b = S_page(path);
    ck_assert_int_eq(b->status, BERPA_OK);
    ck_assert(b->info.steps & BP_IMG_SPECK);
    ck_assert(!(b->info.steps & BP_IMG_BINARIZE));
    char *ta = S_text(a), *tb = S_text(b);
    ck_assert_msg(S_dist(ta, tb) < 0.03, "1 bpp:\n%s\ngrey:\n%s", ta, tb);
    char err[256];
    bp_ocr *o = bp_ocr_new("aze", BERPA_CLEAN_DEFAULT | BERPA_CLEAN_SAUVOLA | BERPA_CLEAN_BINARISE,
                           err, sizeof err);
    ck_assert_msg(o != NULL, "%s", err);
    bp_ocrpage *c = bp_ocr_page(o, path, 0, NULL);
    ck_assert_ptr_nonnull(c);
    ck_assert(c->info.steps & BP_IMG_BINARIZE);
    ck_assert(c->info.steps & BP_IMG_SPECK);
    free(ta);
    free(tb);
    bp_ocrpage_free(a);
    bp_ocrpage_free(b);
    bp_ocrpage_free(c);
    bp_ocr_free(o);
}
END_TEST

/* A page of specks: tesseract reads hundreds of marks (and words of
 * white space), none a legible word; they are left out, the page counts
 * the words kept (none), and keeps how many marks and why. */
START_TEST(noise_page_left_out)
{
    bp_ocrpage *p = S_page(S_IMG("noise.png"));
    ck_assert_int_eq(p->status, BERPA_OK);
    ck_assert_uint_eq(p->nlines, 0);
    ck_assert_uint_eq(p->info.nwords, 0);
    ck_assert_uint_eq(p->info.low_conf, 0);
    ck_assert(p->info.mean_conf < 0);
    ck_assert_uint_gt(p->info.noise_words, 50);
    ck_assert(p->info.noise_conf > 0 && p->info.noise_conf < 0.8f);
    ck_assert(p->info.noise_cert >= 0.5f && p->info.noise_cert <= 1.0f);
    /* no word of white space among the marks */
    ck_assert_ptr_null(strstr(p->info.noise_marks, "  "));
    ck_assert(p->info.noise_marks[0] != ' ');
    char why[256];
    bp_noise_why(&p->info, why, sizeof why);
    ck_assert_ptr_nonnull(strstr(why, "marks read ("));
    ck_assert_ptr_nonnull(strstr(why, "left out as specks"));
    bp_ocrpage_free(p);
    /* a real page keeps all it read */
    p = S_page(S_IMG("plain.png"));
    ck_assert_uint_eq(p->info.noise_words, 0);
    ck_assert_uint_gt(p->nlines, 3);
    bp_ocrpage_free(p);
}
END_TEST

/* Two columns: the second column's lines start far to the right. */
START_TEST(two_columns_by_geometry)
{
    bp_ocrpage *p = S_page(S_IMG("twocol.png"));
    ck_assert_int_eq(p->status, BERPA_OK);
    int32_t left = -1, right = -1;
    for (size_t i = 0; i < p->nlines; i++) {
        if (strstr(p->lines[i].text, "Bakı"))
            left = p->lines[i].box[0];
        if (strstr(p->lines[i].text, "Arxivdə"))
            right = p->lines[i].box[0];
    }
    ck_assert_int_ge(left, 0);
    ck_assert_int_gt(right, left + p->info.width / 3);
    bp_ocrpage_free(p);
}
END_TEST

typedef struct S_buf {
    char *p;
    size_t n;
} S_buf;

static int S_write(void *user, const char *buf, size_t len)
{
    S_buf *b = user;
    b->p = realloc(b->p, b->n + len + 1);
    memcpy(b->p + b->n, buf, len);
    b->n += len;
    b->p[b->n] = '\0';
    return 0;
}

static void S_count(const berpa_diag *d, void *user)
{
    if (d->level == BERPA_ERROR)
        snprintf(user, 512, "%s: %s", d->file, d->message);
}

/* A run fed with pages: running heads and page numbers found on both
 * pages of the TIFF, a failed page reported and skipped, TEI facsimile. */
START_TEST(run_with_pages)
{
    char last[512] = "";
    berpa_config *c = berpa_config_new();
    berpa_config_set_dictionary(c, "");
    berpa_config_set_diag(c, S_count, last);
    berpa_session *s = berpa_session_new(c, NULL);
    ck_assert_ptr_nonnull(s);
    berpa_run *r = berpa_run_new(s, "book");
    S_buf text = { 0 }, tei = { 0 };
    berpa_run_add_output(r, BERPA_FORMAT_TEXT, S_write, &text);
    berpa_run_add_output(r, BERPA_FORMAT_TEI, S_write, &tei);
    bp_ocrpage_free(S_page(S_IMG("plain.png"))); /* makes S_ocr */
    ck_assert_int_eq(berpa_run_feed_image(r, S_ocr, S_IMG("headed.tif")), BERPA_OK);
    char path[128];
    snprintf(path, sizeof path, "%s/text.png", S_tmp);
    S_write_file(path, "Bu mətndir.\n", 13);
    ck_assert_int_eq(berpa_run_feed_image(r, S_ocr, path), BERPA_OK);
    ck_assert_ptr_nonnull(strstr(last, "text.png: page 3 (page 1 of the file): not a page image"));
    ck_assert_int_eq(berpa_run_feed_image(r, S_ocr, S_IMG("plain.png")), BERPA_OK);
    ck_assert_int_eq(berpa_run_finish(r), BERPA_OK);
    berpa_stats st;
    berpa_run_stats(r, &st);
    ck_assert_uint_eq(st.errors, 1);
    ck_assert_uint_eq(st.pages, 4);
    ck_assert_uint_ge(st.furniture, 4); /* two heads, two numbers */
    ck_assert_ptr_null(strstr(text.p, "ELMİ"));
    ck_assert_ptr_nonnull(strstr(text.p, "İçərişəhər"));
    ck_assert_ptr_nonnull(strstr(text.p, "oğuz qrupuna"));
    ck_assert_ptr_nonnull(strstr(tei.p, "<pb facs=\"#page-1\" n=\"12\"/>"));
    ck_assert_ptr_nonnull(strstr(tei.p, "<surface xml:id=\"page-4\" n=\"4\""));
    ck_assert_ptr_nonnull(strstr(tei.p, "<zone xml:id=\"p1-l1\""));
    ck_assert_ptr_nonnull(strstr(tei.p, "facs=\"#p4-l1\""));
    berpa_run_free(r);
    berpa_session_free(s);
    berpa_config_free(c);
    free(text.p);
    free(tei.p);
}
END_TEST

static void S_setup(void)
{
    snprintf(S_tmp, sizeof S_tmp, "/tmp/berpa-test-image.XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(S_tmp));
}

static void S_teardown(void)
{
    const char *names[] = { "empty.png", "text.png", "cut.png", "huge.pgm", "grey.png",
                            "three.tif", "aniso.png", "p600.png", "nodpi.pgm", "few.pgm" };
    char path[128];
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        snprintf(path, sizeof path, "%s/%s", S_tmp, names[i]);
        unlink(path);
    }
    rmdir(S_tmp);
    bp_ocr_free(S_ocr);
    S_ocr = NULL;
}

static Suite *S_suite(void)
{
    /* without tesseract's Azerbaijani data nothing here can run */
    char err[256];
    bp_ocr *o = bp_ocr_new("aze", 0, err, sizeof err);
    if (!o) {
        printf("SKIP: %s\n", err);
        exit(77);
    }
    bp_ocr_free(o);
    Suite *s = suite_create("image");
    TCase *tc = tcase_create("image");
    tcase_add_checked_fixture(tc, S_setup, S_teardown);
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, detect_by_content);
    tcase_add_test(tc, count_pages_and_refuse_bad_files);
    tcase_add_test(tc, damaged_pages_fail_with_a_reason);
    tcase_add_test(tc, tiff_cut_at_a_later_page);
    tcase_add_test(tc, decoded_as_leptonica_reads);
    tcase_add_test(tc, lines_words_boxes_confidences);
    tcase_add_test(tc, words_keep_alternatives);
    tcase_add_test(tc, rotated_page_is_deskewed);
    tcase_add_test(tc, low_resolution_is_upscaled);
    tcase_add_test(tc, resolution_per_axis_and_source);
    tcase_add_test(tc, grey_page_stays_grey_specks_go);
    tcase_add_test(tc, two_columns_by_geometry);
    tcase_add_test(tc, noise_page_left_out);
    tcase_add_test(tc, run_with_pages);
    suite_add_tcase(s, tc);
    return s;
}

#include "check_main.h"
