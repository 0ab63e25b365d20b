"""PyTorch reference for bench/gan-speed.mjs: the cgan's training step and generation, 1 thread.

Reads one JSON object on stdin with the shapes and settings of a trained tailforge cgan, as the
Node bench reads them from the model at run time:
  {"A", "H", "L" (latentDim), "S" (stateDim), "hidden", "B" (batch), "momentWeight", "featureWeight",
   "instanceNoise", "labelSmoothing", "learningRate", "steps", "nPaths", "chunk", "seed"}
and prints {"stepsPerSecond", "pathsPerSecond", "torch"} as JSON.

What it mirrors: packages/core/src/models/cgan/networks.ts, losses.ts and train.ts as of the bench's
commit (generator: noise/context/day first layer, leaky ReLU 0.2, second layer, output + linear skip,
state-driven asset and day log-scales clipped to +-4; discriminator on [x, |x|, s] with two leaky-ReLU
layers; non-saturating BCE with label smoothing and instance noise, feature matching, moment matching;
Adam(lr, 0.5, 0.999)), and for generation the sampler's one-window case (horizon <= window): a
latent per path, the generator's forward pass and the Lambert W x Gaussian inverse transform, in
chunks of "chunk" paths (default 256, as tailforge's sampler). Training batches and states are random tensors of the right shapes: speed does
not depend on their values. If the cgan's architecture changes, this file must follow it.
"""
import json
import sys
import time

import torch
import torch.nn.functional as F

torch.set_num_threads(1)
torch.set_num_interop_threads(1)
cfg = json.load(sys.stdin)
A, H, L, S, HID, B = (int(cfg[k]) for k in ("A", "H", "L", "S", "hidden", "B"))
HA = H * A
LEAK = 0.2
torch.manual_seed(int(cfg.get("seed", 1)))


def dense(n_in, n_out, gain=1.0):
    lim = gain * (6.0 / (n_in + n_out)) ** 0.5
    return [torch.empty(n_in, n_out).uniform_(-lim, lim).requires_grad_(), torch.zeros(n_out, requires_grad=True)]


G = {
    "noise": dense(A, HID), "context": dense(L + S, HID), "day": dense(H, HID), "l2": dense(HID, HID),
    "out": dense(HID, A), "skip": dense(A, A), "scale_l1": dense(S, HID),
    "scale_asset": dense(HID, A, 0.1), "scale_day": dense(HID, H, 0.1),
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
    e = (lin(G["out"], h2) + lin(G["skip"], eps)).reshape(n, H, A)
    hs = F.leaky_relu(lin(G["scale_l1"], s), LEAK)
    va = lin(G["scale_asset"], hs).reshape(n, 1, A)
    vt = lin(G["scale_day"], hs).reshape(n, H, 1)
    return e * torch.exp(torch.clamp(va + vt, -4, 4))


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

# Generation: latents, generator, Lambert W x Gaussian inverse (u clipped, u * exp(delta u^2 / 2), scaled).
n_paths = int(cfg["nPaths"])
delta = torch.full((A,), 0.1)
inv_c = (1 - 2 * delta) ** 0.75
mean, std, cap = torch.zeros(A), torch.full((A,), 0.01), torch.full((A,), 6.0)
CHUNK = int(cfg.get("chunk", 256))
s_paths = torch.randn(CHUNK, S)
with torch.no_grad():
    gen(torch.randn(CHUNK, L + HA), s_paths)
    t1 = time.perf_counter()
    done = 0
    while done < n_paths:
        n = min(CHUNK, n_paths - done)
        u = gen(torch.randn(n, L + HA), s_paths[:n])
        u = torch.maximum(torch.minimum(u, cap), -cap)
        r = mean + std * u * torch.exp(delta * u * u / 2) * inv_c
        r.numpy()
        done += n
    paths_per_second = n_paths / (time.perf_counter() - t1)

print(json.dumps({"stepsPerSecond": steps_per_second, "pathsPerSecond": paths_per_second, "torch": torch.__version__}))
