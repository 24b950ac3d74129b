import torch
import torchvision

backbone = torchvision.models.resnet18(weights=None)
backbone.fc = torch.nn.Identity()
traced = torch.jit.trace(backbone, torch.rand(1, 3, 224, 224))
traced.save("models/backbone.pt")
