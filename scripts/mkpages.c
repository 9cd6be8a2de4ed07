/*
 * mkpages.c: composes the test page images of tests/images from pages that
 * text2image rendered (scripts/mkpages.sh runs both).  Leptonica only.
 *   mkpages BODY.tif NARROW1.tif NARROW2.tif HEAD.tif NUM1.tif NUM2.tif OUTDIR
 * writes OUTDIR/plain.png (300 dpi), rotated3.png (the same turned 3 deg),
 * dpi150.png (the same at 150 dpi, grey), twocol.png (two columns side by
 * side), headed.tif (two pages with a running head and page numbers).
 *   mkpages rotate DEG IN OUT   IN turned by DEG degrees (white brought in)
 *   mkpages half IN OUT         IN at half its resolution, in grey
 *   mkpages a4dpi DPI IN OUT    IN, taken as an A4 page (8.27 in wide), in
 *                               grey at DPI (its resolution set to say so)
 *   mkpages a4600 IN OUT        IN scaled to a 600 dpi A4 page (bench.sh)
 *   mkpages jpeg IN OUT         IN as a grey JPEG (tests/images/dpi150.jpg)
 *   mkpages noise N MAX OUT     a 300 dpi page of N specks of 1..MAX px, no
 *                               text (tests/images/noise.png: 800 12)
 * (scripts/ocr-eval.sh --variant uses these on the dev pages).
 */
#include <leptonica/allheaders.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* White page of w x h with src's black pixels at (x, y). */
static void put(PIX *page, PIX *src, int x, int y)
{
    PIX *b = pixConvertTo1(src, 128);
    BOX *bb = NULL;
    PIX *c = NULL;
    pixClipToForeground(b, &c, &bb);
    if (c)
        pixRasterop(page, x, y, pixGetWidth(c), pixGetHeight(c), PIX_SRC | PIX_DST, c, 0, 0);
    pixDestroy(&c);
    boxDestroy(&bb);
    pixDestroy(&b);
}

static PIX *rd(const char *p)
{
    PIX *x = pixRead(p);
    if (!x) {
        fprintf(stderr, "mkpages: cannot read %s\n", p);
        exit(1);
    }
    return x;
}

static void wr(const char *dir, const char *name, PIX *p, int fmt, const char *mode)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    if (fmt == IFF_TIFF_G4 ? pixWriteTiff(path, p, IFF_TIFF_G4, mode) : pixWrite(path, p, fmt)) {
        fprintf(stderr, "mkpages: cannot write %s\n", path);
        exit(1);
    }
}

int main(int argc, char **argv)
{
    if (argc == 5 && strcmp(argv[1], "rotate") == 0) {
        /* in grey, as a scanner would see a turned page */
        PIX *in = pixConvertTo8(rd(argv[3]), 0);
        PIX *r = pixRotate(in, (float)atof(argv[2]) * 3.14159265f / 180.0f, L_ROTATE_AREA_MAP,
                           L_BRING_IN_WHITE, 0, 0);
        return r && pixWrite(argv[4], r, IFF_PNG) == 0 ? 0 : 1;
    }
    if (argc == 4 && strcmp(argv[1], "half") == 0) {
        PIX *in = rd(argv[2]);
        PIX *h = pixGetDepth(in) == 1 ? pixScaleToGray2(in) : pixScale(in, 0.5f, 0.5f);
        if (h && pixGetXRes(in) > 0)
            pixSetResolution(h, pixGetXRes(in) / 2, pixGetYRes(in) / 2);
        return h && pixWrite(argv[3], h, IFF_PNG) == 0 ? 0 : 1;
    }
    if (argc == 5 && strcmp(argv[1], "a4dpi") == 0) {
        PIX *in = pixConvertTo8(rd(argv[3]), 0);
        int dpi = atoi(argv[2]);
        float f = dpi * 8.27f / (float)pixGetWidth(in);
        /* area mapping down (a scanner's sensor averages), interpolation up */
        PIX *s = f < 1 ? pixScaleAreaMap(in, f, f) : pixScaleGrayLI(in, f, f);
        if (s)
            pixSetResolution(s, dpi, dpi);
        return s && pixWrite(argv[4], s, IFF_PNG) == 0 ? 0 : 1;
    }
    if (argc == 4 && strcmp(argv[1], "jpeg") == 0) {
        /* a grey JPEG of a page, quality 75 as leptonica writes it */
        PIX *in = rd(argv[2]);
        PIX *g = in ? pixConvertTo8(in, 0) : NULL;
        if (g)
            pixCopyResolution(g, in);
        return g && pixWrite(argv[3], g, IFF_JFIF_JPEG) == 0 ? 0 : 1;
    }
    if (argc == 5 && strcmp(argv[1], "noise") == 0) {
        /* specks and smudges where they fall: a fixed LCG, the same page
         * everywhere */
        PIX *pg = pixCreate(1500, 1000, 1);
        unsigned long x = 3, n = strtoul(argv[2], NULL, 10), max = strtoul(argv[3], NULL, 10);
        for (unsigned long i = 0; pg && max && i < n; i++) {
            int v[4];
            for (int k = 0; k < 4; k++) {
                x = (x * 1103515245ul + 12345ul) & 0x7ffffffful;
                v[k] = (int)(x >> 8);
            }
            pixRasterop(pg, v[0] % 1490, v[1] % 990, 1 + v[2] % (int)max, 1 + v[3] % (int)max,
                        PIX_SET, NULL, 0, 0);
        }
        if (pg)
            pixSetResolution(pg, 300, 300);
        return pg && pixWrite(argv[4], pg, IFF_PNG) == 0 ? 0 : 1;
    }
    if (argc == 4 && strcmp(argv[1], "a4600") == 0) {
        PIX *in = rd(argv[2]);
        PIX *g = pixConvertTo8(in, 0);
        PIX *a = g ? pixScaleToSize(g, 4960, 7016) : NULL;
        if (a)
            pixSetResolution(a, 600, 600);
        return a && pixWrite(argv[3], a, IFF_PNG) == 0 ? 0 : 1;
    }
    if (argc != 8) {
        fprintf(stderr, "usage: mkpages BODY NARROW1 NARROW2 HEAD NUM1 NUM2 OUTDIR\n");
        return 2;
    }
    const char *out = argv[7];
    PIX *body = pixConvertTo1(rd(argv[1]), 128);
    pixSetResolution(body, 300, 300);
    wr(out, "plain.png", body, IFF_PNG, NULL);

    PIX *rot = pixRotate(body, 3.0f * 3.14159265f / 180.0f, L_ROTATE_AREA_MAP,
                         L_BRING_IN_WHITE, 0, 0);
    PIX *rotb = pixConvertTo1(rot, 128);
    pixSetResolution(rotb, 300, 300);
    wr(out, "rotated3.png", rotb, IFF_PNG, NULL);

    PIX *half = pixScaleToGray2(body);
    pixSetResolution(half, 150, 150);
    wr(out, "dpi150.png", half, IFF_PNG, NULL);

    /* two columns: each narrow page's text, a gutter of 0.4 in */
    PIX *n1 = rd(argv[2]), *n2 = rd(argv[3]);
    int w = pixGetWidth(n1);
    PIX *two = pixCreate(2 * w + 120, pixGetHeight(n1) > pixGetHeight(n2) ? pixGetHeight(n1)
                                                                           : pixGetHeight(n2), 1);
    put(two, n1, 60, 60);
    put(two, n2, w + 60, 60);
    pixSetResolution(two, 300, 300);
    wr(out, "twocol.png", two, IFF_PNG, NULL);

    /* two pages with the same running head and their page numbers */
    PIX *head = rd(argv[4]);
    for (int k = 0; k < 2; k++) {
        PIX *pg = pixCreate(pixGetWidth(body), pixGetHeight(body) + 260, 1);
        put(pg, head, 300, 50);
        put(pg, k ? n2 : n1, 60, 160);
        put(pg, rd(argv[5 + k]), pixGetWidth(body) / 2, pixGetHeight(body) + 180);
        pixSetResolution(pg, 300, 300);
        wr(out, "headed.tif", pg, IFF_TIFF_G4, k ? "a" : "w");
        pixDestroy(&pg);
    }
    return 0;
}
