/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_optimizers.c: d4j_f32_sgd_update, d4j_f32_adam_update and d4j_f32_rmsprop_update, three
 * steps each against a double implementation of the Keras 3 rules written here from spec §6
 * (weight decay before the update, then clipping of the gradient, then the update), over tail
 * sizes and every slot configuration; then every -k code.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "ref.h"

enum kind { SGD, ADAM, RMSPROP };

typedef struct opt_case {
  const char *label;
  enum kind kind;
  double lr, momentum; /* momentum: SGD and RMSprop */
  int flag;            /* SGD nesterov, Adam amsgrad, RMSprop centered */
  double b1, b2, eps, rho;
  double wd, gscale, clip; /* weight decay (0: none), gradient scale, clipvalue (INFINITY: none) */
} opt_case;

static const opt_case CASES[] = {
    /* learning rates are large so that a relative error of 1e-5 in a step fails the 1e-6
       relative check on the weight */
    {"sgd", SGD, 0.3, 0, 0, 0, 0, 0, 0, 0, 1, INFINITY},
    {"sgd(momentum)", SGD, 0.2, 0.9, 0, 0, 0, 0, 0, 0, 1, INFINITY},
    {"sgd(nesterov, wd, clipvalue)", SGD, 0.2, 0.8, 1, 0, 0, 0, 0, 0.01, 1, 0.3},
    {"adam", ADAM, 0.1, 0, 0, 0.9, 0.999, 1e-7, 0, 0, 1, INFINITY},
    {"adam(amsgrad, gscale)", ADAM, 0.1, 0, 1, 0.8, 0.99, 1e-7, 0, 0, 0.37, INFINITY},
    {"adamw(0.004)", ADAM, 0.1, 0, 0, 0.9, 0.999, 1e-7, 0, 0.004, 1, INFINITY},
    {"rmsprop", RMSPROP, 0.05, 0, 0, 0, 0, 1e-7, 0.9, 0, 1, INFINITY},
    {"rmsprop(centered, momentum)", RMSPROP, 0.02, 0.5, 1, 0, 0, 1e-7, 0.8, 0, 1, INFINITY},
    {"rmsprop(momentum, wd, clip)", RMSPROP, 0.05, 0.9, 0, 0, 0, 1e-6, 0.9, 0.1, 1, 0.5},
};

typedef struct state {
  double w, m, v, h; /* weight and up to three slots */
} state;

static double prep(const opt_case *c, double g) {
  double s = g * c->gscale;
  return fmin(fmax(s, -c->clip), c->clip);
}

static void ref_step(const opt_case *c, state *s, double g, int t) {
  g = prep(c, g);
  s->w -= s->w * c->wd * c->lr;
  switch (c->kind) {
    case SGD:
      if (c->momentum == 0) {
        s->w -= c->lr * g;
      } else {
        s->m = c->momentum * s->m - c->lr * g;
        s->w += c->flag ? c->momentum * s->m - c->lr * g : s->m;
      }
      break;
    case ADAM: {
      double alpha = c->lr * sqrt(1 - pow(c->b2, t)) / (1 - pow(c->b1, t));
      s->m = c->b1 * s->m + (1 - c->b1) * g;
      s->v = c->b2 * s->v + (1 - c->b2) * g * g;
      s->h = fmax(s->h, s->v);
      s->w -= s->m * alpha / (sqrt(c->flag ? s->h : s->v) + c->eps);
      break;
    }
    case RMSPROP: {
      s->v = c->rho * s->v + (1 - c->rho) * g * g;
      double denom = s->v + c->eps;
      if (c->flag) {
        s->h = c->rho * s->h + (1 - c->rho) * g;
        denom = s->v - s->h * s->h + c->eps;
      }
      double inc = c->lr * g / sqrt(denom);
      if (c->momentum > 0) {
        s->m = c->momentum * s->m + inc;
        inc = s->m;
      }
      s->w -= inc;
      break;
    }
  }
}

static int32_t kernel_step(const opt_case *c, int64_t n, float *w, float *m, float *v, float *h,
                           const float *g, int t) {
  float decay = (float)(c->wd * c->lr);
  float gs = (float)c->gscale, clip = (float)c->clip;
  switch (c->kind) {
    case SGD:
      return d4j_f32_sgd_update(c->flag, (float)c->lr, (float)c->momentum, decay, gs, clip, n, w,
                                c->momentum != 0 ? m : NULL, g);
    case ADAM: {
      double alpha = c->lr * sqrt(1 - pow(c->b2, t)) / (1 - pow(c->b1, t));
      return d4j_f32_adam_update((float)alpha, (float)(1 - c->b1), (float)(1 - c->b2),
                                 (float)c->eps, decay, gs, clip, n, w, m, v, c->flag ? h : NULL, g);
    }
    case RMSPROP:
      return d4j_f32_rmsprop_update((float)c->lr, (float)c->rho, (float)(1 - c->rho),
                                    (float)c->momentum, (float)c->eps, decay, gs, clip, n, w, v,
                                    c->momentum > 0 ? m : NULL, c->flag ? h : NULL, g);
  }
  return -99;
}

static void run_case(const opt_case *c, int64_t n, uint64_t *rng) {
  size_t bytes = (size_t)(n + 1) * sizeof(float);
  float *w = calloc(1, bytes), *m = calloc(1, bytes), *v = calloc(1, bytes), *h = calloc(1, bytes);
  float *g = calloc(1, bytes);
  state *ref = calloc((size_t)n + 1, sizeof *ref);
  for (int64_t j = 0; j < n; ++j) {
    w[j] = (float)ref_rng_uniform(rng, 0.5, 2.0) * (j % 2 ? -1.0f : 1.0f);
    ref[j].w = (double)w[j];
  }
  for (int t = 1; t <= 3; ++t) {
    for (int64_t j = 0; j < n; ++j) {
      g[j] = (float)ref_rng_uniform(rng, -1.0, 1.0);
      ref_step(c, &ref[j], (double)g[j], t);
    }
    CHECK_EQ_INT(kernel_step(c, n, w, m, v, h, g, t), D4J_OK, "%s n=%lld", c->label, (long long)n);
    for (int64_t j = 0; j < n; ++j) {
      double r = ref[j].w;
      /* relative to the weight's scale (initial |w| >= 0.5): a weight may pass near 0 */
      CHECK(fabs((double)w[j] - r) <= 1e-6 * fmax(fabs(r), 0.5), "%s n=%lld step %d j=%lld: %.9g vs %.9g",
            c->label, (long long)n, t, (long long)j, (double)w[j], r);
    }
  }
  free(w), free(m), free(v), free(h), free(g), free(ref);
}

static void test_codes(void) {
  float w[2] = {1, 1}, s[2] = {0}, g[2] = {1, 1};
  const float I = INFINITY;
  CHECK_EQ_INT(d4j_f32_sgd_update(2, 0.1f, 0, 0, 1, I, 2, w, s, g), -1, "nesterov");
  CHECK_EQ_INT(d4j_f32_sgd_update(0, NAN, 0, 0, 1, I, 2, w, s, g), -2, "lr");
  CHECK_EQ_INT(d4j_f32_sgd_update(0, 0.1f, 1.5f, 0, 1, I, 2, w, s, g), -3, "momentum");
  CHECK_EQ_INT(d4j_f32_sgd_update(0, 0.1f, 0, NAN, 1, I, 2, w, s, g), -4, "decay");
  CHECK_EQ_INT(d4j_f32_sgd_update(0, 0.1f, 0, 0, NAN, I, 2, w, s, g), D4J_OK, "NaN gscale");
  CHECK(isnan(w[0]) && isnan(w[1]), "NaN gscale makes the step NaN");
  w[0] = w[1] = 1;
  CHECK_EQ_INT(d4j_f32_sgd_update(0, 0.1f, 0, 0, 1, 0, 2, w, s, g), -6, "clipvalue");
  CHECK_EQ_INT(d4j_f32_sgd_update(0, 0.1f, 0, 0, 1, I, -1, w, s, g), -7, "n");
  CHECK_EQ_INT(d4j_f32_sgd_update(0, 0.1f, 0, 0, 1, I, 2, NULL, s, g), -8, "w");
  CHECK_EQ_INT(d4j_f32_sgd_update(0, 0.1f, 0.5f, 0, 1, I, 2, w, NULL, g), -9, "m");
  CHECK_EQ_INT(d4j_f32_sgd_update(0, 0.1f, 0, 0, 1, I, 2, w, NULL, NULL), -10, "g");
  CHECK_EQ_INT(d4j_f32_sgd_update(0, 0.1f, 0, 0, 1, I, 0, NULL, NULL, NULL), D4J_OK, "n = 0");

  CHECK_EQ_INT(d4j_f32_adam_update(I, .1f, .1f, 0, 0, 1, I, 2, w, s, s, NULL, g), -1, "alpha");
  CHECK_EQ_INT(d4j_f32_adam_update(.1f, 2, .1f, 0, 0, 1, I, 2, w, s, s, NULL, g), -2, "c1");
  CHECK_EQ_INT(d4j_f32_adam_update(.1f, .1f, -1, 0, 0, 1, I, 2, w, s, s, NULL, g), -3, "c2");
  CHECK_EQ_INT(d4j_f32_adam_update(.1f, .1f, .1f, -1, 0, 1, I, 2, w, s, s, NULL, g), -4, "eps");
  CHECK_EQ_INT(d4j_f32_adam_update(.1f, .1f, .1f, 0, NAN, 1, I, 2, w, s, s, NULL, g), -5, "decay");
  CHECK_EQ_INT(d4j_f32_adam_update(.1f, .1f, .1f, 0, 0, 1, -1, 2, w, s, s, NULL, g), -7, "clip");
  CHECK_EQ_INT(d4j_f32_adam_update(.1f, .1f, .1f, 0, 0, 1, I, -2, w, s, s, NULL, g), -8, "n");
  CHECK_EQ_INT(d4j_f32_adam_update(.1f, .1f, .1f, 0, 0, 1, I, 2, NULL, s, s, NULL, g), -9, "w");
  CHECK_EQ_INT(d4j_f32_adam_update(.1f, .1f, .1f, 0, 0, 1, I, 2, w, NULL, s, NULL, g), -10, "m");
  CHECK_EQ_INT(d4j_f32_adam_update(.1f, .1f, .1f, 0, 0, 1, I, 2, w, s, NULL, NULL, g), -11, "v");
  CHECK_EQ_INT(d4j_f32_adam_update(.1f, .1f, .1f, 0, 0, 1, I, 2, w, s, s, NULL, NULL), -13, "g");

  CHECK_EQ_INT(d4j_f32_rmsprop_update(NAN, .9f, .1f, 0, 0, 0, 1, I, 2, w, s, NULL, NULL, g), -1, "lr");
  CHECK_EQ_INT(d4j_f32_rmsprop_update(.1f, 2, .1f, 0, 0, 0, 1, I, 2, w, s, NULL, NULL, g), -2, "rho");
  CHECK_EQ_INT(d4j_f32_rmsprop_update(.1f, .9f, -1, 0, 0, 0, 1, I, 2, w, s, NULL, NULL, g), -3, "c_rho");
  CHECK_EQ_INT(d4j_f32_rmsprop_update(.1f, .9f, .1f, -1, 0, 0, 1, I, 2, w, s, NULL, NULL, g), -4, "momentum");
  CHECK_EQ_INT(d4j_f32_rmsprop_update(.1f, .9f, .1f, 0, NAN, 0, 1, I, 2, w, s, NULL, NULL, g), -5, "eps");
  CHECK_EQ_INT(d4j_f32_rmsprop_update(.1f, .9f, .1f, 0, 0, NAN, 1, I, 2, w, s, NULL, NULL, g), -6, "decay");
  CHECK_EQ_INT(d4j_f32_rmsprop_update(.1f, .9f, .1f, 0, 0, 0, 1, NAN, 2, w, s, NULL, NULL, g), -8, "clip");
  CHECK_EQ_INT(d4j_f32_rmsprop_update(.1f, .9f, .1f, 0, 0, 0, 1, I, -1, w, s, NULL, NULL, g), -9, "n");
  CHECK_EQ_INT(d4j_f32_rmsprop_update(.1f, .9f, .1f, 0, 0, 0, 1, I, 2, NULL, s, NULL, NULL, g), -10, "w");
  CHECK_EQ_INT(d4j_f32_rmsprop_update(.1f, .9f, .1f, 0, 0, 0, 1, I, 2, w, NULL, NULL, NULL, g), -11, "vel");
  CHECK_EQ_INT(d4j_f32_rmsprop_update(.1f, .9f, .1f, .5f, 0, 0, 1, I, 2, w, s, NULL, NULL, g), -12, "mom");
  CHECK_EQ_INT(d4j_f32_rmsprop_update(.1f, .9f, .1f, 0, 0, 0, 1, I, 2, w, s, NULL, NULL, NULL), -14, "g");
  CHECK_EQ_INT(d4j_f32_rmsprop_update(NAN, 2, -1, -1, -1, NAN, NAN, 0, -1, NULL, NULL, NULL, NULL, NULL), -1,
               "lowest wins");
}

/* spec §6.5 check value: lr = 0.1, w = 10, g = w gives 9.683772 after one step */
static void test_spec_point(void) {
  float w = 10.0f, vel = 0.0f, g = 10.0f;
  CHECK_EQ_INT(d4j_f32_rmsprop_update(0.1f, 0.9f, 0.1f, 0, 1e-7f, 0, 1, INFINITY, 1, &w, &vel, NULL, NULL, &g),
               D4J_OK, "rmsprop spec point");
  CHECK(fabs((double)w - 9.683772) < 1e-5, "rmsprop spec point: %.7f", (double)w);
}

int main(void) {
  uint64_t rng = 0x0b7ULL;
  static const int64_t sizes[] = {1, 7, 8, 9, 13, 31, 257};
  for (size_t c = 0; c < sizeof CASES / sizeof *CASES; ++c) {
    for (size_t k = 0; k < sizeof sizes / sizeof *sizes; ++k) run_case(&CASES[c], sizes[k], &rng);
  }
  test_codes();
  test_spec_point();
  return check_summary("test_optimizers");
}
