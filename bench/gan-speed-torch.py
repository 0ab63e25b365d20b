"""PyTorch reference for bench/gan-speed.mjs: the cgan's training step and generation, 1 thread.

Reads one JSON object on stdin with the shapes and settings of a trained tailforge cgan, as the
Node bench reads them from the model at run time:
  {"A", "H", "L" (latentDim), "S" (features the generator sees), "hidden", "B" (batch), "factors" (K or null),
   "momentWeight", "featureWeight", "instanceNoise", "labelSmoothing", "learningRate", "steps", "nPaths",
   "chunk", "seed"}
and prints {"stepsPerSecond", "pathsPerSecond", "torch"} as JSON.

What it mirrors: packages/core/src/models/cgan/networks.ts, losses.ts and train.ts as of the bench's
commit. Generator: first layer split into noise / context [z, s] / day blocks, leaky ReLU 0.2, second
layer, output (gain 0.1) + linear skip of the day's noise (no output scale); in factor mode the GAN runs
on K factors (A := K) and generation adds f·loadings and a bootstrapped residual row per day.
Discriminator on [x, |x|, s] with two leaky-ReLU layers; non-saturating BCE with label smoothing and
instance noise, feature matching, moment matching; Adam(lr, 0.5, 0.999). Generation mirrors sampler.ts
for 20-day paths rolled window by window: latents, generator, the GPD-tailed margins (tails.ts),
standardisation by the fitted drift correction (m = b + s·W), the per-asset GJR-GARCH recursion day by
day, and the next window's state features (level, market move, per-asset or factor-projected log-vol
ratios, standardised, Mahalanobis distance and shrink), in chunks of "chunk" paths (256 as the
sampler). Parameter values are random of the right shapes: speed does not depend on them. If the
cgan's architecture changes, this file must follow it.
"""
import json
import sys
import time

import torch
import torch.nn.functional as F

torch.set_num_threads(1)
torch.set_num_interop_threads(1)
cfg = json.load(sys.stdin)
A_ALL, H, L, S, HID, B = (int(cfg[k]) for k in ("A", "H", "L", "S", "hidden", "B"))
KF = cfg.get("factors")
A = int(KF) if KF else A_ALL  # the GAN's width: assets, or factors in factor mode
HA = H * A
LEAK = 0.2
torch.manual_seed(int(cfg.get("seed", 1)))


def dense(n_in, n_out, gain=1.0):
    lim = gain * (6.0 / (n_in + n_out)) ** 0.5
    return [torch.empty(n_in, n_out).uniform_(-lim, lim).requires_grad_(), torch.zeros(n_out, requires_grad=True)]


G = {
    "noise": dense(A, HID), "context": dense(L + S, HID), "day": dense(H, HID), "l2": dense(HID, HID),
    "out": dense(HID, A, 0.1), "skip": dense(A, A),
}
D = {"l1": dense(2 * HA + S, HID), "l2": dense(HID, HID), "out": dense(HID, 1)}


def lin(layer, x):
    w, b = layer
    return x @ w + b


def gen(latent, s):
    n = latent.shape[0]
    z = latent[:, :L]
    eps = latent[:, L:].reshape(n * H, A)
    from_noise = (eps @ G["noise"][0]).reshape(n, H, HID)
    from_context = lin(G["context"], torch.cat([z, s], 1)).reshape(n, 1, HID)
    from_day = (G["day"][0] + G["day"][1]).reshape(1, H, HID)
    h1 = F.leaky_relu(from_noise + from_context + (from_day + G["noise"][1]), LEAK)
    h2 = F.leaky_relu(lin(G["l2"], h1.reshape(n * H, HID)), LEAK)
    return (lin(G["out"], h2) + lin(G["skip"], eps)).reshape(n, H, A)


def disc(x, s):
    h1 = F.leaky_relu(lin(D["l1"], torch.cat([x, x.abs(), s], 1)), LEAK)
    f = F.leaky_relu(lin(D["l2"], h1), LEAK)
    return lin(D["out"], f), f


def bce(logits, label):
    return (F.softplus(logits) - logits * label).mean()


def mean_abs(a, b):
    return (a - b).abs().mean()


def moments(real, fake, s):
    n = B * H
    fr, ff = real.reshape(n, A), fake.reshape(n, A)
    terms = [mean_abs(fr.mean(0), ff.mean(0))]
    r2, f2 = fr.square(), ff.square()
    terms.append(mean_abs(r2.mean(0), f2.mean(0)))
    terms.append(mean_abs(r2.square().mean(0), f2.square().mean(0)) / 9)
    terms.append(mean_abs(fr.T @ fr / n, ff.T @ ff / n))
    ar, af = real.abs(), fake.abs()
    for k in range(1, min(4, H)):
        lag = lambda x: (x[:, : H - k, :] * x[:, k:, :]).mean((0, 1))
        terms.append(mean_abs(lag(real), lag(fake)))
        terms.append(mean_abs(lag(ar), lag(af)))
    terms.append(mean_abs(real.mean(1).square().mean(0), fake.mean(1).square().mean(0)))
    vr = real.square().mean((1, 2)).reshape(B, 1)
    vf = fake.square().mean((1, 2)).reshape(B, 1)
    terms.append(mean_abs((s * vr).mean(0), (s * vf).mean(0)))
    return torch.stack(terms).sum()


g_params = [p for l in G.values() for p in l]
d_params = [p for l in D.values() for p in l]
lr = float(cfg["learningRate"])
opt_d = torch.optim.Adam(d_params, lr=lr, betas=(0.5, 0.999), eps=1e-7)
opt_g = torch.optim.Adam(g_params, lr=lr, betas=(0.5, 0.999), eps=1e-7)
sigma = float(cfg["instanceNoise"])
ls = float(cfg["labelSmoothing"])
mw, fw = float(cfg["momentWeight"]), float(cfg["featureWeight"])
pool = torch.randn(8, B, HA) * 0.8
states = torch.randn(8, B, S)


def step(i):
    x, s = pool[i % 8], states[i % 8]
    for p in g_params:
        p.requires_grad_(False)
    with torch.no_grad():
        fake = gen(torch.randn(B, L + HA), s).reshape(B, HA)
    real_logits, _ = disc(x + sigma * torch.randn(B, HA), s)
    gen_logits, _ = disc(fake + sigma * torch.randn(B, HA), s)
    d_loss = bce(real_logits, 1 - ls) + bce(gen_logits, 0)
    opt_d.zero_grad(set_to_none=True)
    d_loss.backward()
    opt_d.step()
    for p in g_params:
        p.requires_grad_(True)
    for p in d_params:
        p.requires_grad_(False)
    fake3 = gen(torch.randn(B, L + HA), s)
    logits, feats = disc(fake3.reshape(B, HA) + sigma * torch.randn(B, HA), s)
    g_loss = bce(logits, 1)
    if fw > 0:
        _, real_feats = disc(x, s)
        g_loss = g_loss + fw * (real_feats.mean(0) - feats.mean(0)).square().mean()
    if mw > 0:
        g_loss = g_loss + mw * moments(x.reshape(B, H, A), fake3, s)
    opt_g.zero_grad(set_to_none=True)
    g_loss.backward()
    opt_g.step()
    for p in d_params:
        p.requires_grad_(True)
    return d_loss.item(), g_loss.item()


steps = int(cfg["steps"])
for i in range(5):
    step(i)
t0 = time.perf_counter()
for i in range(steps):
    step(i)
steps_per_second = steps / (time.perf_counter() - t0)

# Generation (sampler.ts): per window latents, generator (+ factor recombination), margins, drift
# standardisation, GJR recursion by day, next state's features.
n_paths = int(cfg["nPaths"])
HORIZON = int(cfg.get("horizon", 20))
CHUNK = int(cfg.get("chunk", 256))
AA = A_ALL
u0 = 1.645
zl, zr = torch.full((AA,), -1.6), torch.full((AA,), 1.6)
xil, bl, xir, br = torch.full((AA,), 0.2), torch.full((AA,), 0.6), torch.full((AA,), 0.1), torch.full((AA,), 0.5)
lo_cap, up_cap = torch.full((AA,), -12.0), torch.full((AA,), 12.0)
mid, slope = (zl + zr) / 2, (zr - zl) / (2 * u0)
W_drift, b_drift, b2 = torch.randn(S, AA) * 0.01, torch.zeros(AA), torch.ones(AA)
mu, omega, alpha, gamma, beta = torch.full((AA,), 2e-4), torch.full((AA,), 2e-6), torch.full((AA,), 0.03), torch.full((AA,), 0.08), torch.full((AA,), 0.9)
llr = torch.full((AA,), -4.6)
max_var = 25 * torch.exp(2 * llr)
s_mean, s_std = torch.zeros(S), torch.ones(S)
whiten_t = torch.eye(S)
max_dist = 1e3
projection = torch.rand(AA, S - 2) / AA if KF else None
if KF:
    loadings = torch.randn(A, AA) * 0.3
    residual_pool = torch.randn(1000, AA) * 0.5
STATE_WINDOW = 5


def margins(u):
    E = torch.clamp((u * u - u0 * u0) / 2, max=18.0)
    right = torch.minimum(up_cap, zr + br * (torch.exp(xir * E) - 1) / xir)
    left = torch.maximum(lo_cap, zl - bl * (torch.exp(xil * E) - 1) / xil)
    return torch.where(u > u0, right, torch.where(u < -u0, left, mid + slope * u))


def encode(level, move, log_vol):
    ratios = log_vol - llr
    feat = torch.cat([level, move, ratios @ projection if KF else ratios], 1)
    c = (feat - s_mean) / s_std
    d = (c @ whiten_t).square().sum(1, keepdim=True).sqrt()
    return c * torch.clamp(max_dist / torch.clamp(d, min=1e-12), max=1.0)


def roll(n):
    log_vol = torch.full((n, AA), -4.6)
    variance = torch.minimum(torch.exp(2 * log_vol), max_var)
    level, move = torch.zeros(n, 1), torch.zeros(n, 1)
    out = []
    for w in range((HORIZON + H - 1) // H):
        s = encode(level, move, log_vol)
        u = gen(torch.randn(n, L + HA), s)
        if KF:
            u = (u.reshape(n * H, A) @ loadings + residual_pool[torch.randint(0, 1000, (n * H,))]).reshape(n, H, AA)
        z = margins(u)
        m = s @ W_drift + b_drift
        inv = torch.rsqrt(torch.clamp(b2 - m * m, min=0.25))
        innov = (z - m.reshape(n, 1, AA)) * inv.reshape(n, 1, AA)
        days = []
        for t in range(H):
            e = torch.sqrt(variance) * innov[:, t]
            days.append(mu + e)
            variance = torch.minimum(max_var, omega + (alpha + gamma * (e < 0)) * e * e + beta * variance)
        r = torch.stack(days, 1)
        out.append(r)
        log_vol = 0.5 * torch.log(variance)
        level = (log_vol - llr).mean(1, keepdim=True)
        move = r[:, H - STATE_WINDOW:].sum(1).mean(1, keepdim=True)
    return torch.cat(out, 1)[:, :HORIZON].numpy()


with torch.no_grad():
    roll(CHUNK)
    t1 = time.perf_counter()
    done = 0
    while done < n_paths:
        n = min(CHUNK, n_paths - done)
        roll(n)
        done += n
    paths_per_second = n_paths / (time.perf_counter() - t1)

print(json.dumps({"stepsPerSecond": steps_per_second, "pathsPerSecond": paths_per_second, "torch": torch.__version__}))
