#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes a TorchScript module with VGGish's architecture (random weights, seed 0) that takes
[batch, 1, 96, 64] log-mel patches and returns [batch, 128]: what a user's exported VGGish
costs to run, for timing the TorchScript extractor (scripts/bench/extract_throughput.sh).
Not a feature extractor anyone should use: the weights are random.

Usage: /usr/bin/python3 scripts/bench/make_vggish_like.py OUT.pt   (needs python3-torch)
"""
import sys

import torch
from torch import nn


class VggishLike(nn.Module):
    def __init__(self):
        super().__init__()
        layers = []
        channels = 1
        for width, convs in ((64, 1), (128, 1), (256, 2), (512, 2)):
            for _ in range(convs):
                layers += [nn.Conv2d(channels, width, 3, padding=1), nn.ReLU()]
                channels = width
            layers.append(nn.MaxPool2d(2, 2))
        self.features = nn.Sequential(*layers)
        self.embeddings = nn.Sequential(
            nn.Linear(512 * 6 * 4, 4096), nn.ReLU(),
            nn.Linear(4096, 4096), nn.ReLU(),
            nn.Linear(4096, 128), nn.ReLU())

    def forward(self, x):
        x = self.features(x)
        # VGGish flattens channels last (TF layout).
        x = x.permute(0, 2, 3, 1).contiguous().view(x.size(0), -1)
        return self.embeddings(x)


def main():
    torch.manual_seed(0)
    model = VggishLike().eval()
    traced = torch.jit.trace(model, torch.zeros(2, 1, 96, 64))
    traced.save(sys.argv[1])
    print(sys.argv[1], sum(p.numel() for p in model.parameters()), "parameters")


if __name__ == "__main__":
    main()
