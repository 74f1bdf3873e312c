/* AsyncFl native reference kernels: the same in-place operations as AsyncFl.Kernels.VectorKernels, written
 * plainly so that gcc -O3 -march=native vectorises them. They are the "machine limit" the C# kernels are measured
 * against (docs/benchmarks.md). Not part of the library or of CI; see README.md for the build lines.
 *
 * Built as a shared library (P/Invoked by `AsyncFl.Benchmarks -- --compare-native`, which times C and C#
 * alternately in one process) and, with -DAFL_MAIN, as a stand-alone timer.
 */
#include <math.h>
#include <stddef.h>

/* x[i] = x[i] + a*(y[i] - x[i])  (same FMA form as VectorKernels.Mix) */
void afl_mix(float *restrict x, const float *restrict y, float a, long n)
{
    for (long i = 0; i < n; i++)
        x[i] = fmaf(a, y[i] - x[i], x[i]);
}

/* x[i] = x[i] + w*y[i] */
void afl_add_scaled(float *restrict x, const float *restrict y, float w, long n)
{
    for (long i = 0; i < n; i++)
        x[i] = fmaf(w, y[i], x[i]);
}

/* dst[i] = sum_k w[k]*in[k][i] for K = 8, one pass (reads the 8 inputs together, writes dst once). */
void afl_weighted_sum8(float *restrict dst, const float *const *in, const float *w, long n)
{
    const float *restrict p0 = in[0], *restrict p1 = in[1], *restrict p2 = in[2], *restrict p3 = in[3];
    const float *restrict p4 = in[4], *restrict p5 = in[5], *restrict p6 = in[6], *restrict p7 = in[7];
    const float w0 = w[0], w1 = w[1], w2 = w[2], w3 = w[3], w4 = w[4], w5 = w[5], w6 = w[6], w7 = w[7];
    for (long i = 0; i < n; i++)
    {
        float acc = w0 * p0[i];
        acc = fmaf(w1, p1[i], acc);
        acc = fmaf(w2, p2[i], acc);
        acc = fmaf(w3, p3[i], acc);
        acc = fmaf(w4, p4[i], acc);
        acc = fmaf(w5, p5[i], acc);
        acc = fmaf(w6, p6[i], acc);
        acc = fmaf(w7, p7[i], acc);
        dst[i] = acc;
    }
}

/* 1 if no element is NaN or +-inf (exponent bits all ones), else 0; one read-only pass, no early exit. */
int afl_all_finite(const float *restrict x, long n)
{
    const unsigned *restrict u = (const unsigned *)x;
    unsigned bad = 0;
    for (long i = 0; i < n; i++)
        bad |= (u[i] & 0x7f800000u) == 0x7f800000u;
    return !bad;
}

/* dst[i] = s*src[i] (the first update of a buffer: a scaled copy, one pass). */
void afl_scale_copy(float *restrict dst, const float *restrict src, float s, long n)
{
    for (long i = 0; i < n; i++)
        dst[i] = s * src[i];
}

/* dst[i] = src[i] (a model snapshot). */
void afl_copy(float *restrict dst, const float *restrict src, long n)
{
    for (long i = 0; i < n; i++)
        dst[i] = src[i];
}

#ifdef AFL_MAIN
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e9 + t.tv_nsec;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static float *alloc(long n, float seed)
{
    float *p = aligned_alloc(64, ((n * sizeof(float) + 63) / 64) * 64);
    for (long i = 0; i < n; i++)
        p[i] = (float)((i * 2654435761u + (unsigned)(seed * 1000)) % 1000) / 500.0f - 1.0f;
    return p;
}

int main(void)
{
    const long sizes[] = {1000, 10000, 100000, 1000000, 10000000};
    printf("%-14s %10s %14s %14s %10s\n", "op", "d", "median ns/op", "best ns/op", "GB/s(med)");
    for (int s = 0; s < 5; s++)
    {
        long n = sizes[s];
        float *x = alloc(n, 1), *y = alloc(n, 2), *in[8], w[8];
        for (int k = 0; k < 8; k++) { in[k] = alloc(n, 3 + k); w[k] = 0.125f; }
        long calls = n >= 10000000 ? 5 : (long)(2e8 / (double)n) / 10 + 1;
        enum { ROUNDS = 21 };
        for (int op = 0; op < 3; op++)
        {
            double t[ROUNDS];
            for (int r = 0; r < ROUNDS; r++)
            {
                double t0 = now_ns();
                for (long c = 0; c < calls; c++)
                {
                    if (op == 0) afl_mix(x, y, 0.3f, n);
                    else if (op == 1) afl_add_scaled(x, y, 1e-7f, n);
                    else afl_weighted_sum8(x, (const float *const *)in, w, n);
                }
                t[r] = (now_ns() - t0) / calls;
            }
            qsort(t, ROUNDS, sizeof(double), cmp);
            double bytes = op == 2 ? 36.0 * n : 12.0 * n;
            printf("%-14s %10ld %14.0f %14.0f %10.1f\n", op == 0 ? "mix" : op == 1 ? "add_scaled" : "wsum8",
                   n, t[ROUNDS / 2], t[0], bytes / t[ROUNDS / 2]);
        }
        free(x); free(y);
        for (int k = 0; k < 8; k++) free(in[k]);
    }
    return 0;
}
#endif
