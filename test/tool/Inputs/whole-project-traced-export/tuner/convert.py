# Traces a pretrained backbone for the C++ fine-tuner, without eval():
# its batch norms are recorded in training mode.
import torch
from torchvision import models

model = models.resnet18(weights=None)
backbone = torch.nn.Sequential(*list(model.children())[:-1])
traced = torch.jit.trace(backbone, torch.rand(1, 3, 224, 224))
traced.save("backbone_without_fc.pt")
