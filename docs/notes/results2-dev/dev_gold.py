# The results2 dev sample, annotated by the results2 helper by docs/annotation.md section 7 before reading the
# extractor's output on it: (paper index in the drawn order, benchmark, metric, value); DONTCARE: either way.
# (paper index, benchmark, metric, value); DONTCARE: (index, benchmark, value) either way
GOLD = [
 (5,"ALFWorld","success rate",37.1),(5,"ALFWorld","success rate",13.0),(5,"Mind2Web","success rate",4.02),
 (13,"gRefCOCO","ciou",68.9),(13,"RefCOCOm","giou",55.3),
 (17,"COCO","map",42.4),(17,"COCO","latency",1.62),(17,"COCO","map",0.8),(17,"COCO",None,17.8),
 (19,"BSDS500","f1",0.7628),(19,"BSDS500","f1",0.7688),(19,"BSDS500","f1",0.7437),
 (20,"AR-VIM","accuracy",88.94),
 (22,"LRS3","wer",16.51),(22,"LRS3","wer",42.67),
 (23,"MeViS","j&f",51.1),(23,"MeViS","j&f",1.6),(23,"Ref-DAVIS17","j&f",73.3),(23,"Ref-DAVIS17","j&f",2.7),
 (27,"PFPascal","pck",6.0),(27,"APK","pck",6.2),(27,"CUB-200-2011","pck",4.1),
 (34,"MVH-Bench",None,21.1),(34,"MVH-Bench",None,34.6),
 (38,"WLASL","top-1 accuracy",43.75),(38,"WLASL","top-5 accuracy",77.10),(38,"SignASL","accuracy",30),
 (39,"SumMe","f1",57.58),(39,"TVSum","f1",63.05),
 (41,"MVTec AD","auc",98.0),(41,"MVTec AD","auc",97.6),(41,"VisA","auc",93.3),(41,"VisA","auc",98.3),
 (43,"DataBench","accuracy",19.34),(43,"TableBench","accuracy",25),
 (46,"SSDD","miou",0.637),(46,"SSDD","detection rate",89.2),
 (48,"GenEval",None,0.306),(48,"GenEval",None,0.339),(48,"GenEval",None,0.725),(48,"GenEval",None,0.744),
 (49,"AlpacaEval","win rate",8),(49,"AlpacaEval","win rate",10),(49,"MT-Bench",None,0.3),(49,"IFEval","win rate",19),(49,"IFEval","win rate",23),
 (50,"SSDD","accuracy",12.8),(50,"RSDD-SAR","accuracy",11.9),
 (51,"CIFAR-100","accuracy",75.74),(51,"CIFAR-100","accuracy",77.07),(51,"CIFAR-100","accuracy",1.33),
 (51,"Tiny ImageNet","accuracy",57.82),(51,"Tiny ImageNet","accuracy",59.07),(51,"Tiny ImageNet","accuracy",1.25),
 (54,"AG News","accuracy",92.4),(54,"Reuters-21578","accuracy",92.3),
 (56,"SWE-bench Lite","success rate",43),(56,"SWE-bench Verified","success rate",44.6),
 (56,"SWE-bench Lite","success rate",8.6),(56,"SWE-bench Lite","success rate",98.2),
 (56,"SWE-bench Verified","success rate",8.6),(56,"SWE-bench Verified","success rate",98.2),
 (59,"Emotion","f1",93.75),(59,"Emotion","f1",86.13),(59,"Emotion","f1",93.2),
 (59,"SWMH","f1",72.50),(59,"SWMH","f1",68.16),(59,"SWMH","f1",72.16),
 (59,"SWMH","recall",73.30),(59,"SWMH","recall",67.05),(59,"SWMH","recall",70.89),
]
DONTCARE = [(32,None,None),(46,"SSDD",89),(48,"ImageNet-1K",None),(48,"ImageNet",None)]
