# Another model of the project, exported in eval mode.
import torch

head = torch.nn.Sequential(torch.nn.Linear(512, 2), torch.nn.Dropout(0.2))
head.eval()
torch.jit.script(head).save("head.pt")
